package org.helmupgradebot.upgrade.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helmupgradebot.upgrade.publish.PublishResult.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The templates written from GitHub's REST reference against real recorded GitHub traffic (the hub4j
 * github-api recordings in the fixtures; skipped where those are absent): every field written is a
 * field GitHub sends, of the same JSON type, and the publishing flow behaves the same on either.
 */
class GitHubTemplatesConformanceTest {

    @Test
    void everyFieldOfTheWrittenTemplatesIsOneGitHubSendsWithTheSameType() {
        GitHubTemplates recorded = GitHubTemplates.recorded();
        GitHubTemplates written = GitHubTemplates.written();
        List<String> problems = new ArrayList<>();
        compare("repository", written.repository, recorded.repository, problems);
        compare("user", written.user, recorded.user, problems);
        compare("ref", written.ref, recorded.ref, problems);
        compare("tree", written.tree, recorded.tree, problems);
        compare("git commit", written.gitCommit, recorded.gitCommit, problems);
        compare("commit", written.commit, recorded.commit, problems);
        compare("contents", written.contents, recorded.contents, problems);
        compare("pull", written.pull, recorded.pull, problems);
        compare("labels", written.labels, recorded.labels, problems);
        compare("not found", written.notFound, recorded.notFound, problems);
        assertEquals(List.of(), problems);
        assertTrue(recorded.headers.keySet().containsAll(List.of("X-RateLimit-Limit", "X-RateLimit-Remaining",
                "X-RateLimit-Reset", "Content-Type")), recorded.headers.toString());
        assertTrue(written.headers.keySet().containsAll(List.of("X-RateLimit-Limit", "X-RateLimit-Remaining",
                "X-RateLimit-Reset", "Content-Type")), written.headers.toString());
    }

    /** Fields of {@code mine} missing from {@code real}, or of another type; {} and null in mine are placeholders. */
    private static void compare(String path, JsonNode mine, JsonNode real, List<String> problems) {
        if (mine.isNull() || real.isNull() || (mine.isObject() && mine.isEmpty())) {
            return;
        }
        if (mine.getNodeType() != real.getNodeType()) {
            problems.add(path + ": " + mine.getNodeType() + " written, " + real.getNodeType() + " recorded");
            return;
        }
        if (mine.isObject()) {
            mine.fieldNames().forEachRemaining(f -> {
                if (!real.has(f)) {
                    problems.add(path + "." + f + ": not in the recording");
                } else {
                    compare(path + "." + f, mine.get(f), real.get(f), problems);
                }
            });
        } else if (mine.isArray() && !mine.isEmpty() && !real.isEmpty()) {
            compare(path + "[0]", mine.get(0), real.get(0), problems);
        }
    }

    @Test
    void thePublishingFlowGivesTheSameOutcomesAndCallsOnTheRecordings() throws Exception {
        List<String> figures = new ArrayList<>();
        for (GitHubTemplates templates : List.of(GitHubTemplates.recorded(), GitHubTemplates.written())) {
            PublishTestSupport t = new PublishTestSupport(templates);
            try {
                PullRequestPublisher.Options options = PullRequestPublisher.Options.defaults().withMergedPulls(false);
                PublishResult created = t.publisher(options).publish(t.change());
                PublishResult unchanged = t.publisher(options).publish(t.change());
                PublishResult updated = t.publisher(options).publish(t.newerChange());
                assertEquals(List.of(Outcome.CREATED, Outcome.UNCHANGED, Outcome.UPDATED),
                        List.of(created.outcome(), unchanged.outcome(), updated.outcome()));
                assertEquals(1, t.fake.openPulls(PublishTestSupport.REPO).size());
                RepositoryFiles.Snapshot files = new RepositoryFiles(t.platform(PublishTestSupport.TOKEN))
                        .read(PublishTestSupport.REPO, "main", List.of(PublishTestSupport.CHART));
                assertEquals(t.before, files.files().get(PublishTestSupport.CHART));
                figures.add(created.apiCalls() + "/" + unchanged.apiCalls() + "/" + updated.apiCalls());
            } finally {
                t.fake.close();
            }
        }
        assertEquals(figures.get(0), figures.get(1), "recorded vs written: " + figures);
    }
}
