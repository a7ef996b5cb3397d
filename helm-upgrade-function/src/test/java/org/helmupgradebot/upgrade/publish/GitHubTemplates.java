package org.helmupgradebot.upgrade.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.helmupgradebot.shared.testing.Fixtures;

/**
 * Response bodies and headers of real GitHub traffic (hub4j/github-api WireMock recordings, read
 * in place from the fixtures), which the fake GitHub fills with its own state.
 */
final class GitHubTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "github-api/";
    private static GitHubTemplates loaded;

    /** The templates, read once per test run. */
    static synchronized GitHubTemplates get() {
        if (loaded == null) {
            loaded = new GitHubTemplates();
        }
        return loaded;
    }

    final ObjectNode repository = body("GHTreeBuilderTest/wiremock/testAdd/__files/2-r_h_ghtreebuildertest.json");
    final ObjectNode user = body("GHTreeBuilderTest/wiremock/testAdd/__files/1-user.json");
    final ObjectNode ref = body("GHRepositoryTest/wiremock/getRef/__files/4-r_h_g_git_refs_heads_gh-pages.json");
    final ObjectNode tree = body("GHTreeBuilderTest/wiremock/testAdd/__files/9-r_h_g_git_trees.json");
    final ObjectNode gitCommit = body("GHTreeBuilderTest/wiremock/testAdd/__files/10-r_h_g_git_commits.json");
    final ObjectNode commit = body("GHTreeBuilderTest/wiremock/testAdd/__files/16-r_h_g_commits_46672530.json");
    final ObjectNode contents = body("GHTreeBuilderTest/wiremock/testAdd/__files/12-r_h_g_contents_app_runsh.json");
    final ObjectNode pull = body("GHPullRequestTest/wiremock/createPullRequest/__files/4-r_h_g_pulls.json");
    final JsonNode labels = responseBody("GHPullRequestTest/wiremock/addLabels/mappings/5-r_h_g_issues_427_labels.json");
    final JsonNode notFound = responseBody("GHRepositoryTest/wiremock/getRef/mappings/8-r_h_g_git_refs_headz.json");
    /** The headers every answer carries (rate-limit counters, media type, server). */
    final Map<String, String> headers = headers("GHTreeBuilderTest/wiremock/testAdd/mappings/1-user.json");

    private static ObjectNode body(String relative) {
        return (ObjectNode) read(Fixtures.path(ROOT + relative));
    }

    private static JsonNode responseBody(String mapping) {
        try {
            return JSON.readTree(read(Fixtures.path(ROOT + mapping)).get("response").get("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> headers(String mapping) {
        Map<String, String> headers = new LinkedHashMap<>();
        read(Fixtures.path(ROOT + mapping)).get("response").get("headers").fields().forEachRemaining(e -> {
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
