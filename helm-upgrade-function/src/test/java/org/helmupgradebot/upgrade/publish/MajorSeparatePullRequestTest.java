package org.helmupgradebot.upgrade.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.helmupgradebot.shared.testing.TestSecrets;
import org.helmupgradebot.upgrade.cli.HelmUpgradeCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code major: separate} from the command line: the major bump gets its own pull request on its own
 * branch, the other bump stays in the target's, each with only its own edit; a rerun writes nothing.
 * A small chart and index of our own; GitHub is the stateful stand-in.
 */
class MajorSeparatePullRequestTest {
    private static final String REPO = "example/hub-deploy";
    private static final String TOKEN = TestSecrets.githubToken();
    private static final String CHART = """
            apiVersion: v2
            name: hub
            version: 0.1.0
            dependencies:
              - name: jupyterhub
                version: "%s"
                repository: https://charts.example.org/
              - name: dask
                version: %s
                repository: https://charts.example.org/
            """;

    @TempDir
    Path dir;
    private FakeGitHub github;

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub();
        github.addToken(TOKEN, "helm-bot");
        github.createRepo(REPO, "main", Map.of("hub/Chart.yaml", CHART.formatted("3.3.7", "1.0.0")));
        Path index = dir.resolve("mirror/index.yaml");
        Files.createDirectories(index.getParent());
        Files.writeString(index, """
                apiVersion: v1
                entries:
                  jupyterhub:
                  - {name: jupyterhub, version: 3.3.7, created: "2024-03-01T00:00:00Z"}
                  - {name: jupyterhub, version: 4.0.0, created: "2024-11-01T00:00:00Z"}
                  dask:
                  - {name: dask, version: 1.0.0, created: "2024-01-01T00:00:00Z"}
                  - {name: dask, version: 1.1.0, created: "2024-06-01T00:00:00Z"}
                generated: "2024-11-01T00:00:00Z"
                """);
    }

    @AfterEach
    void stop() {
        if (github != null) {
            github.close();
        }
    }

    private String run() throws Exception {
        Path config = dir.resolve("bot.yaml");
        Files.writeString(config, """
                targets:
                  - name: hub
                    repo: %s
                    charts: [hub/Chart.yaml]
                    dependencies:
                      jupyterhub: {major: separate}
                    dashboard: true
                mirrors:
                  https://charts.example.org/: mirror
                """.formatted(REPO));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HelmUpgradeCli.run(new String[] {"--config", config.toString()},
                Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_API_URL", github.url()), new PrintWriter(out), new PrintWriter(err));
        String all = out + err.toString();
        assertEquals(0, code, all);
        return all;
    }

    @Test
    void theMajorBumpGetsItsOwnPullRequestAndBranch() throws Exception {
        String report = run();
        assertTrue(report.contains("bump (major, own pull request)"), report);
        List<FakeGitHub.Pull> open = github.openPulls(REPO);
        assertEquals(2, open.size(), report);
        String target = github.ref(REPO, "helm-upgrade-bot/hub").orElseThrow();
        String major = github.ref(REPO, "helm-upgrade-bot/hub-jupyterhub-major").orElseThrow();
        assertEquals(CHART.formatted("3.3.7", "1.1.0"), github.file(target, "hub/Chart.yaml"));
        assertEquals(CHART.formatted("4.0.0", "1.0.0"), github.file(major, "hub/Chart.yaml"));
        assertTrue(open.stream().anyMatch(p -> p.title.equals("jupyterhub: 3.3.7...4.0.0 (major)")), open::toString);
        assertTrue(open.stream().anyMatch(p -> p.title.equals("dask: 1.0.0...1.1.0")), open::toString);
        FakeGitHub.Pull majorPull = open.stream().filter(p -> p.title.startsWith("jupyterhub")).findFirst().orElseThrow();
        assertTrue(majorPull.body.contains("crosses a major version"), majorPull.body);
        FakeGitHub.Pull daskPull = open.stream().filter(p -> p.title.startsWith("dask")).findFirst().orElseThrow();
        // The dashboard names each pending bump's own pull request.
        String dashboard = github.openIssues(REPO).get(0).body;
        assertTrue(dashboard.lines().anyMatch(l -> l.startsWith("| jupyterhub ") && l.contains("[#" + majorPull.number + "]")),
                dashboard);
        assertTrue(dashboard.lines().anyMatch(l -> l.startsWith("| dask ") && l.contains("[#" + daskPull.number + "]")),
                dashboard);

        github.clearLog();
        String again = run();
        assertEquals(List.of(), github.requests().stream().filter(FakeGitHub.Request::isWrite).toList(), again);
        assertEquals(2, github.openPulls(REPO).size());
        assertFalse(again.contains(TOKEN));
    }
}
