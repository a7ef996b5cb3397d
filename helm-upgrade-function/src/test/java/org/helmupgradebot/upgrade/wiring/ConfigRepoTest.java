package org.helmupgradebot.upgrade.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.report.JobReport;
import org.helmupgradebot.shared.secrets.EnvironmentSecretSource;
import org.helmupgradebot.shared.secrets.Redactor;
import org.helmupgradebot.shared.testing.StaticHttpServer;
import org.helmupgradebot.shared.testing.TestSecrets;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.upgrade.publish.LoopbackGitHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bot's rules kept in the config repository ({@code .github/helm-upgrade-bot.yaml} on its default
 * branch), read through the GitHub stand-in the publish tests use; small hand-written chart and index.
 */
class ConfigRepoTest {
    static final String TOKEN = TestSecrets.githubToken();
    static final String REPO = "example-org/hub-deploy";
    static final String CHART = """
            apiVersion: v2
            name: hub
            version: 0.1.0
            dependencies:
              - name: jupyterhub
                version: "4.0.0"   # pinned
                repository: https://hub.jupyter.org/helm-chart/
            """;

    LoopbackGitHub github;
    StaticHttpServer helm;

    @BeforeEach
    void start() throws Exception {
        github = new LoopbackGitHub();
        github.addToken(TOKEN, "helm-bot");
        helm = new StaticHttpServer();
        helm.respond("/jupyterhub/index.yaml", StaticHttpServer.Response.ok("""
                apiVersion: v1
                entries:
                  jupyterhub:
                    - name: jupyterhub
                      version: 4.1.0
                      created: "2025-01-20T10:00:00Z"
                      urls: [https://hub.jupyter.org/helm-chart/jupyterhub-4.1.0.tgz]
                    - name: jupyterhub
                      version: 4.0.0
                      created: "2024-11-01T10:00:00Z"
                      urls: [https://hub.jupyter.org/helm-chart/jupyterhub-4.0.0.tgz]
                generated: "2025-01-20T10:00:00Z"
                """.getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void stop() {
        github.close();
        helm.close();
    }

    String rules() {
        return """
                targets:
                  - name: hub
                    charts: [hub/Chart.yaml]
                    labels: [dependencies]
                mirrors:
                  https://hub.jupyter.org/helm-chart/: %s/jupyterhub/
                """.formatted(helm.base());
    }

    JobReport run(Map<String, String> settings, boolean dryRun) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("GITHUB_TOKEN", TOKEN);
        env.put("GITHUB_API_URL", github.url());
        return UpgradeJobs.create(UpgradeSettings.read(env), dryRun, Optional.empty(), Map.of(),
                new EnvironmentSecretSource(env, new Redactor()), HttpOptions.defaults().withMaxAttempts(1)).run();
    }

    @Test
    void theRulesComeFromTheConfigRepositoryItself() {
        github.createRepo(REPO, "main", Map.of(UpgradeJob.CONFIG_FILE, rules(), "hub/Chart.yaml", CHART));

        JobReport report = run(Map.of("CONFIG_REPO", REPO), false);

        assertEquals(0, report.exitCode(), report.text());
        List<LoopbackGitHub.PullRequest> pulls = github.openPulls(REPO);
        assertEquals(1, pulls.size(), report.text());
        assertEquals(List.of("dependencies"), pulls.get(0).labels());
        String edited = github.file(github.ref(REPO, "helm-upgrade-bot/hub").orElseThrow(), "hub/Chart.yaml");
        assertEquals(CHART.replace("\"4.0.0\"", "\"4.1.0\""), edited);
    }

    @Test
    void aMissingConfigFileIsOneLineAndAFailedRun() {
        github.createRepo(REPO, "main", Map.of("hub/Chart.yaml", CHART));

        JobReport report = run(Map.of("CONFIG_REPO", REPO), false);

        assertEquals(2, report.exitCode());
        List<String> lines = report.text().lines().toList();
        assertEquals(1, lines.size(), report.text());
        assertTrue(lines.get(0).startsWith("helm-upgrade: " + REPO + "/" + UpgradeJob.CONFIG_FILE
                + ": cannot read the bot's config: file .github/helm-upgrade-bot.yaml not found in " + REPO
                + " at branch 'main' ("), lines.get(0));
        assertEquals(0, github.writes());
        assertTrue(helm.requests().isEmpty(), "nothing is looked up without a config");
    }

    @Test
    void anInvalidConfigFileIsReportedByLineAndChangesNothing() {
        github.createRepo(REPO, "main", Map.of("hub/Chart.yaml", CHART, UpgradeJob.CONFIG_FILE, """
                targets:
                  - name: hub
                    dir: /etc
                    repo: someone-else/repo
                    charts: [hub/Chart.yaml]
                mirrors:
                  quay.io: /var/lib/registry
                """));

        JobReport report = run(Map.of("CONFIG_REPO", REPO), false);

        assertEquals(2, report.exitCode());
        String where = REPO + "/" + UpgradeJob.CONFIG_FILE;
        assertEquals(List.of(
                "helm-upgrade: " + where + ":3:10: targets[0].dir: not allowed in a config repository's file (its targets are files of " + REPO + ")",
                "helm-upgrade: " + where + ":4:11: targets[0].repo: 'someone-else/repo' is not " + REPO
                        + " (a config repository's file describes only itself)",
                "helm-upgrade: " + where + ":7:12: mirrors.quay.io: '/var/lib/registry' is not an http(s) URL "
                        + "(a config repository's file cannot name local folders)"),
                report.text().lines().toList());
        assertEquals(0, github.writes());
    }

    @Test
    void upgradeConfigOverridesTheRepositoryFile() {
        github.createRepo(REPO, "main", Map.of("hub/Chart.yaml", CHART));
        String override = rules().replace("  - name: hub\n", "  - name: hub\n    repo: " + REPO + "\n");

        JobReport report = run(Map.of("CONFIG_REPO", REPO, "UPGRADE_CONFIG", override), true);

        assertEquals(0, report.exitCode(), report.text());
        assertTrue(report.text().contains("4.1.0"), report.text());
        assertFalse(report.text().contains("cannot read"), report.text());
    }

    @Test
    void targetNamesMustDifferAcrossConfigRepositories() {
        github.createRepo(REPO, "main", Map.of(UpgradeJob.CONFIG_FILE, rules(), "hub/Chart.yaml", CHART));
        github.createRepo("example-org/other-deploy", "main", Map.of(UpgradeJob.CONFIG_FILE, rules(), "hub/Chart.yaml", CHART));

        JobReport report = run(Map.of("CONFIG_REPO", REPO + ", example-org/other-deploy"), false);

        assertEquals(2, report.exitCode());
        assertEquals(List.of("helm-upgrade: example-org/other-deploy/" + UpgradeJob.CONFIG_FILE
                + ": target name 'hub' is also used in " + REPO + "/" + UpgradeJob.CONFIG_FILE
                + " (names must differ across config repositories)"), report.text().lines().toList());
        assertEquals(0, github.writes());
    }
}
