package org.helmupgradebot.upgrade.publish;

import org.helmupgradebot.shared.testing.TestSecrets;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;

/**
 * Shared set-up for the publishing tests: a fake GitHub seeded with a config file shaped like 2i2c's
 * binderhub chart (written here, so the tests run on a fresh clone), and changes to it.
 */
final class PublishTestSupport {
    static final String REPO = "2i2c-org/infrastructure";
    static final String TOKEN = TestSecrets.githubToken();
    static final String BOT = "helm-bot";
    static final String CHART = "helm-charts/binderhub/Chart.yaml";
    static final String OLD = "1.0.0-0.dev.git.3361.h6ba80cf";
    static final String NEW = "1.0.0-0.dev.git.3373.h41b9d77";
    static final String NEWER = "1.0.0-0.dev.git.3380.hb2c3d4e";

    final FakeGitHub fake;
    final String before;
    final String after;
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    PublishTestSupport() throws IOException {
        this(GitHubTemplates.written());
    }

    PublishTestSupport(GitHubTemplates templates) throws IOException {
        before = """
                apiVersion: v2
                name: binderhub
                version: "0.1.0"
                dependencies:
                  - name: binderhub
                    version: "%s"
                    repository: "https://jupyterhub.github.io/helm-chart/"
                  - name: dask-gateway
                    version: "2023.1.0"
                    repository: "https://helm.dask.org/"
                """.formatted(OLD);
        after = before.replace(OLD, NEW);
        fake = new FakeGitHub(templates);
        fake.addToken(TOKEN, BOT);
        fake.createRepo(REPO, "main", Map.of(CHART, before, "README.md", "# infrastructure\n"));
    }

    /** Four attempts, 1 ms doubling backoff, server-asked waits up to 30 s, 10 s per attempt; waits recorded. */
    static HttpOptions quickRetries() {
        return HttpOptions.defaults().withMaxAttempts(4).withBackoff(Duration.ofMillis(1), Duration.ofSeconds(1))
                .withMaxRetryAfter(Duration.ofSeconds(30)).withRequestTimeout(Duration.ofSeconds(10));
    }

    GitHubHttpConnector connector() {
        return connector(quickRetries());
    }

    GitHubHttpConnector connector(HttpOptions options) {
        return new GitHubHttpConnector(new RetryingHttpClient(options, waits::add,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)), fake.url());
    }

    GitHubSession session(String token) {
        return GitHubSession.connect(fake.url(), GitHubAuth.token(() -> token), REPO, connector());
    }

    GitHubPlatform platform(String token) {
        return new GitHubPlatform(session(token));
    }

    PullRequestPublisher publisher() {
        return publisher(PullRequestPublisher.Options.defaults());
    }

    PullRequestPublisher publisher(PullRequestPublisher.Options options) {
        return new PullRequestPublisher(platform(TOKEN), options);
    }

    /** The real bump (binderhub OLD to NEW), with a label and a reviewer. */
    ChangeSet change() {
        return change(NEW, after);
    }

    /** A later bump of the same chart, to NEWER. */
    ChangeSet newerChange() {
        return change(NEWER, after.replace(NEW, NEWER));
    }

    ChangeSet change(String newVersion, String content) {
        if (!content.contains(newVersion)) {
            throw new IllegalStateException("test content lacks " + newVersion);
        }
        return new ChangeSet(REPO, "main", "binderhub", Map.of(CHART, content),
                List.of(new BumpSummary("binderhub", CHART, OLD, newVersion,
                        Optional.of("https://github.com/jupyterhub/binderhub"))),
                List.of("dependencies"), List.of("consideRatio"));
    }

    List<FakeGitHub.Request> writes() {
        return fake.requests().stream().filter(FakeGitHub.Request::isWrite).toList();
    }
}
