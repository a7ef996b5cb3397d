package org.helmupgradebot.upgrade.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.helmupgradebot.shared.testing.Fixtures;

/**
 * Response bodies and headers the GitHub stand-in fills with its own state. {@link #written()} are
 * this project's templates from GitHub's REST reference (test resources {@code github-rest/}), so the
 * stand-in runs on a fresh clone; {@link #recorded()} are real GitHub traffic (hub4j/github-api WireMock
 * recordings in the fixtures), used as a conformance check where present.
 */
final class GitHubTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORDED = "github-api/";
    private static GitHubTemplates written;
    private static GitHubTemplates recorded;

    final ObjectNode repository;
    final ObjectNode user;
    final ObjectNode ref;
    final ObjectNode tree;
    final ObjectNode gitCommit;
    final ObjectNode commit;
    final ObjectNode contents;
    final ObjectNode pull;
    final JsonNode labels;
    final JsonNode notFound;
    /** Bodies with no recording in the fixtures: always this project's. */
    final ObjectNode issue;
    final ObjectNode compare;
    /** The headers every answer carries (rate-limit counters, media type, server). */
    final Map<String, String> headers;

    private GitHubTemplates(ObjectNode repository, ObjectNode user, ObjectNode ref, ObjectNode tree,
                            ObjectNode gitCommit, ObjectNode commit, ObjectNode contents, ObjectNode pull,
                            JsonNode labels, JsonNode notFound, Map<String, String> headers) {
        this.repository = repository;
        this.user = user;
        this.ref = ref;
        this.tree = tree;
        this.gitCommit = gitCommit;
        this.commit = commit;
        this.contents = contents;
        this.pull = pull;
        this.labels = labels;
        this.notFound = notFound;
        this.headers = headers;
        this.issue = (ObjectNode) resource("issue.json");
        this.compare = (ObjectNode) resource("compare.json");
    }

    /** The templates written for this project from GitHub's REST reference; need no fixtures. */
    static synchronized GitHubTemplates written() {
        if (written == null) {
            Map<String, String> headers = new LinkedHashMap<>();
            resource("headers.json").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            written = new GitHubTemplates((ObjectNode) resource("repository.json"), (ObjectNode) resource("user.json"),
                    (ObjectNode) resource("ref.json"), (ObjectNode) resource("tree.json"),
                    (ObjectNode) resource("git-commit.json"), (ObjectNode) resource("commit.json"),
                    (ObjectNode) resource("contents.json"), (ObjectNode) resource("pull.json"),
                    resource("labels.json"), resource("not-found.json"), headers);
        }
        return written;
    }

    /** The real recordings; skips the calling test when the fixtures are absent. */
    static synchronized GitHubTemplates recorded() {
        if (recorded == null) {
            recorded = new GitHubTemplates(
                    body("GHTreeBuilderTest/wiremock/testAdd/__files/2-r_h_ghtreebuildertest.json"),
                    body("GHTreeBuilderTest/wiremock/testAdd/__files/1-user.json"),
                    body("GHRepositoryTest/wiremock/getRef/__files/4-r_h_g_git_refs_heads_gh-pages.json"),
                    body("GHTreeBuilderTest/wiremock/testAdd/__files/9-r_h_g_git_trees.json"),
                    body("GHTreeBuilderTest/wiremock/testAdd/__files/10-r_h_g_git_commits.json"),
                    body("GHTreeBuilderTest/wiremock/testAdd/__files/16-r_h_g_commits_46672530.json"),
                    body("GHTreeBuilderTest/wiremock/testAdd/__files/12-r_h_g_contents_app_runsh.json"),
                    body("GHPullRequestTest/wiremock/createPullRequest/__files/4-r_h_g_pulls.json"),
                    responseBody("GHPullRequestTest/wiremock/addLabels/mappings/5-r_h_g_issues_427_labels.json"),
                    responseBody("GHRepositoryTest/wiremock/getRef/mappings/8-r_h_g_git_refs_headz.json"),
                    headers("GHTreeBuilderTest/wiremock/testAdd/mappings/1-user.json"));
        }
        return recorded;
    }

    private static JsonNode resource(String name) {
        try (InputStream in = GitHubTemplates.class.getResourceAsStream("/github-rest/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource github-rest/" + name + " missing");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode body(String relative) {
        return (ObjectNode) read(Fixtures.path(RECORDED + relative));
    }

    private static JsonNode responseBody(String mapping) {
        try {
            return JSON.readTree(read(Fixtures.path(RECORDED + mapping)).get("response").get("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> headers(String mapping) {
        Map<String, String> headers = new LinkedHashMap<>();
        read(Fixtures.path(RECORDED + mapping)).get("response").get("headers").fields().forEachRemaining(e -> {
            String name = e.getKey();
            if (name.startsWith("X-RateLimit") || name.equals("X-GitHub-Media-Type") || name.equals("Server")
                    || name.equals("Content-Type") || name.equals("X-GitHub-Request-Id")) {
                headers.put(name, e.getValue().asText());
            }
        });
        return headers;
    }

    private static JsonNode read(Path path) {
        try {
            return JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
