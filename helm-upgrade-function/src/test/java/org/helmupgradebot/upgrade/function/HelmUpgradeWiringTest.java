package org.helmupgradebot.upgrade.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helmupgradebot.shared.testing.TestSecrets;
import com.microsoft.azure.functions.ExecutionContext;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.report.JobFailedException;
import org.helmupgradebot.shared.report.RecordingLogger;
import org.helmupgradebot.shared.report.TestExecutionContext;
import org.helmupgradebot.shared.testing.Fixtures;
import org.helmupgradebot.shared.testing.StaticHttpServer;
import org.helmupgradebot.upgrade.publish.LoopbackGitHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployed wiring ({@link UpgradeJobFactory#wired()}) called through the Function method with a test
 * ExecutionContext: a real 2i2c chart in the GitHub stand-in, the real Helm indexes on loopback, the
 * token from the environment (no KEY_VAULT_URL), in dry-run and real mode.
 */
class HelmUpgradeWiringTest {
    static final String TOKEN = TestSecrets.githubToken();
    static final String REPO = "2i2c-org/infrastructure";
    static final String CHART = "helm-charts/binderhub/Chart.yaml";
    static final String OLD = "1.0.0-0.dev.git.3361.h6ba80cf";
    static final String ON_TIME = "{\"Schedule\":{\"AdjustForDST\":true},\"IsPastDue\":false}";

    final RecordingLogger log = new RecordingLogger("helmUpgrade");
    final ExecutionContext context = new TestExecutionContext(log, "helmUpgrade");
    LoopbackGitHub github;
    StaticHttpServer helm;
    String before;

    @BeforeEach
    void start() throws Exception {
        before = Files.readString(Fixtures.path("config-repos/2i2c-infrastructure/bump-7720a64d/before/" + CHART));
        github = new LoopbackGitHub();
        github.addToken(TOKEN, "helm-bot");
        github.createRepo(REPO, "main", Map.of(CHART, before, "README.md", "# infrastructure\n"));
        helm = new StaticHttpServer();
        helm.file("/jupyterhub/index.yaml", Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml"));
        helm.file("/dask/index.yaml", Fixtures.path("helm-index/dask-helm-chart-index.yaml"));
    }

    @AfterEach
    void stop() {
        if (github != null) {
            github.close();
        }
        if (helm != null) {
            helm.close();
        }
    }

    /** The app settings an operator would set, pointing at the stand-ins. */
    Map<String, String> settings(boolean dryRun) {
        Map<String, String> s = new HashMap<>();
        s.put("UPGRADE_DRY_RUN", String.valueOf(dryRun));
        s.put("GITHUB_TOKEN", TOKEN);
        s.put("GITHUB_API_URL", github.url());
        s.put("CONFIG_REPO", REPO); // set by the Bicep; UPGRADE_CONFIG takes precedence
        s.put("UPGRADE_CONFIG", """
                targets:
                  - name: binderhub
                    repo: %s
                    charts: [%s]
                    labels: [dependencies]
                    reviewers: [consideRatio]
                mirrors:
                  https://jupyterhub.github.io/helm-chart: %s/jupyterhub/
                  https://helm.dask.org: %s/dask/
                """.formatted(REPO, CHART, helm.base(), helm.base()));
        return s;
    }

    HelmUpgradeFunction function(Map<String, String> settings) {
        return new HelmUpgradeFunction(settings, UpgradeJobFactory.wired(), (s, c) -> Optional.empty());
    }

    @Test
    void dryRunLogsThePlanAndOpensNoPullRequest() {
        function(settings(true)).run(ON_TIME, context);

        assertEquals(List.of(), github.openPulls(REPO));
        assertEquals(0, github.writes(), "a dry run only reads");
        assertTrue(github.ref(REPO, "helm-upgrade-bot/binderhub").isEmpty());
        String logged = log.text();
        assertTrue(logged.contains("dry run (UPGRADE_DRY_RUN=true)"), logged);
        assertTrue(logged.contains(OLD), "the plan names the pinned binderhub version: " + logged);
        assertTrue(logged.contains("binderhub: dry run, 1 file(s) would change"), logged);
        assertFalse(logged.contains(TOKEN));
    }

    @Test
    void realRunOpensOnePullRequestAndASecondRunChangesNothing() {
        function(settings(false)).run(ON_TIME, context);

        List<LoopbackGitHub.PullRequest> open = github.openPulls(REPO);
        assertEquals(1, open.size(), log.text());
        LoopbackGitHub.PullRequest pull = open.get(0);
        // Both pins move (binderhub's dev build and dask-gateway), in one pull request.
        assertTrue(pull.title().startsWith("binderhub: " + OLD + "...") && pull.title().contains(", dask-gateway: 2023.1.0..."),
                pull.title());
        assertTrue(pull.body().contains(OLD), pull.body());
        assertTrue(pull.body().contains("dask-gateway"), pull.body());
        assertEquals(List.of("dependencies"), pull.labels());
        assertEquals(List.of("consideRatio"), pull.reviewers());
        String head = github.ref(REPO, "helm-upgrade-bot/binderhub").orElseThrow();
        String edited = github.file(head, CHART);
        assertFalse(edited.contains(OLD), edited);
        assertEquals(before.lines().count(), edited.lines().count(), "only version bytes change");
        assertTrue(log.text().contains("binderhub: CREATED #" + pull.number()), log.text());
        assertFalse(log.text().contains(TOKEN), "the token never reaches the log");

        long writes = github.writes();
        function(settings(false)).run(ON_TIME, context);
        assertEquals(writes, github.writes(), "an up-to-date pull request is left alone");
        assertEquals(1, github.openPulls(REPO).size());
    }

    @Test
    void aMissingTokenFailsTheInvocationWithOneLineBeforeAnyRequest() {
        Map<String, String> s = settings(false);
        s.remove("GITHUB_TOKEN");

        JobFailedException e = assertThrows(JobFailedException.class, () -> function(s).run(ON_TIME, context));

        assertEquals("helm-upgrade: environment variable GITHUB_TOKEN (secret 'github-token') is not set; set it, "
                + "or set KEY_VAULT_URL to read the secret from Key Vault", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(helm.requests().isEmpty(), "nothing is fetched without a token");
    }

    @Test
    void aGitHubAppKeyIsReadFromItsOwnSecret() {
        Map<String, String> s = settings(false);
        s.remove("GITHUB_TOKEN");
        s.put("GITHUB_APP_ID", "123456");

        JobFailedException e = assertThrows(JobFailedException.class, () -> function(s).run(ON_TIME, context));

        assertTrue(e.getMessage().startsWith("helm-upgrade: environment variable GITHUB_APP_KEY (secret 'github-app-key') is not set"),
                e.getMessage());
    }

    @Test
    void aGitHubAppOpensThePullRequestAndItsKeyNeverReachesTheLog() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        github.enableApp("123456", keys.getPublic());
        Map<String, String> s = settings(false);
        s.remove("GITHUB_TOKEN");
        s.put("GITHUB_APP_ID", "123456");
        String pem = TestSecrets.pkcs8Pem(keys.getPrivate());
        s.put("GITHUB_APP_KEY", pem);

        function(s).run(ON_TIME, context);

        assertEquals(1, github.openPulls(REPO).size(), log.text());
        assertFalse(log.text().contains("PRIVATE KEY"), log.text());
        assertFalse(log.text().contains(pem.lines().skip(3).findFirst().orElseThrow()));
    }

    @Test
    void everyBadSettingIsLoggedAtOnceOneLineEachHostAndJobTogether() {
        Map<String, String> s = settings(false);
        s.put("UPGRADE_DRY_RUN", "maybe");
        s.put("GITHUB_API_URL", "ftp://github.example.org");
        s.put("UPGRADE_CONFIG", """
                targets:
                  - name: hub
                    repo: not-a-repo
                    charts: [Chart.yaml]
                    colour: blue
                """);

        JobFailedException e = assertThrows(JobFailedException.class, () -> function(s).run(ON_TIME, context));

        assertEquals("helm-upgrade: 4 setting(s) missing or invalid: setting UPGRADE_DRY_RUN: 'maybe' is not true or false "
                + "(and more, see the log)", e.getMessage());
        assertEquals(List.of(
                "SEVERE helm-upgrade: setting UPGRADE_DRY_RUN: 'maybe' is not true or false",
                "SEVERE helm-upgrade: setting GITHUB_API_URL: 'ftp://github.example.org' is not an https:// URL, e.g. https://api.github.com",
                "SEVERE helm-upgrade: UPGRADE_CONFIG:3:11: targets[0].repo: 'not-a-repo' is not owner/name",
                "SEVERE helm-upgrade: UPGRADE_CONFIG:5:5: targets[0].colour: unknown key (expected one of [branch, charts, "
                        + "dashboard, dependencies, dir, fork, images, labels, name, repo, reviewers])"),
                log.lines().stream().filter(l -> l.startsWith("SEVERE")).toList());
        assertTrue(helm.requests().isEmpty());
        assertEquals(0, github.writes());
    }

    @Test
    void malformedYamlIsOneLocatedLine() {
        Map<String, String> s = settings(true);
        s.put("UPGRADE_CONFIG", "targets:\n  - name: [hub\n");

        assertThrows(JobFailedException.class, () -> function(s).run(ON_TIME, context));

        assertTrue(log.lines().stream().anyMatch(l -> l.matches("SEVERE helm-upgrade: UPGRADE_CONFIG:\\d+:\\d+: malformed YAML: .*\n?")),
                log.text());
    }
}
