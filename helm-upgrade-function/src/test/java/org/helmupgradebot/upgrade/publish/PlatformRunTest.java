package org.helmupgradebot.upgrade.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.upgrade.UpgradeRun;
import org.helmupgradebot.upgrade.wiring.UpgradeJobs;
import org.helmupgradebot.upgrade.config.BotConfig;
import org.helmupgradebot.upgrade.config.ConfigLoader;
import org.helmupgradebot.upgrade.plan.PlanRenderer;
import org.helmupgradebot.upgrade.source.HelmRepositorySource;
import org.helmupgradebot.upgrade.source.Mirrors;
import org.helmupgradebot.upgrade.source.OciTagSource;
import org.helmupgradebot.upgrade.source.VersionLookup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs against the GitHub stand-in with a small Helm index written here (no fixtures): a two-chart
 * bump's title, the dry run's compare links, and the dashboard issue across reruns and faults.
 */
class PlatformRunTest {
    private static final String REPO = "hub23/hub23-deploy";
    private static final String CHART = "hub23-chart/requirements.yaml";
    private static final String REQUIREMENTS = """
            dependencies:
              - name: binderhub
                version: 0.2.0-n465.hb35ec4e
                repository: https://charts.example.org/
              - name: nginx-ingress
                version: 1.39.0
                repository: https://charts.example.org/
              - name: traefik
                version: 9.0.0
                repository: https://charts.example.org/
              - name: local
                version: 0.1.0
                repository: file://../local
            """;
    private static final String INDEX = """
            apiVersion: v1
            entries:
              binderhub:
              - created: "2021-01-06T15:16:56Z"
                name: binderhub
                version: 0.2.0-n471.hf76e37e
              - created: "2020-12-21T11:10:10Z"
                name: binderhub
                version: 0.2.0-n465.hb35ec4e
              nginx-ingress:
              - created: "2020-07-01T00:00:00Z"
                name: nginx-ingress
                version: 1.40.2
                sources:
                - https://github.com/kubernetes/ingress-nginx
              - created: "2020-06-01T00:00:00Z"
                name: nginx-ingress
                version: 1.39.0
            generated: "2021-01-07T00:00:00Z"
            """;

    @TempDir
    Path dir;
    private PublishTestSupport t;
    private Instant now = Instant.parse("2026-01-01T03:00:00Z");

    @BeforeEach
    void setUp() throws Exception {
        t = new PublishTestSupport();
        t.fake.createRepo(REPO, "main", Map.of(CHART, REQUIREMENTS));
        Files.createDirectories(dir.resolve("charts"));
        Files.writeString(dir.resolve("charts/index.yaml"), INDEX);
    }

    @AfterEach
    void tearDown() {
        t.fake.close();
    }

    private UpgradeRun run(boolean dryRun) {
        return run(dryRun, true);
    }

    private UpgradeRun run(boolean dryRun, boolean listMergedPulls) {
        BotConfig config = new ConfigLoader(UpgradeJobs.RANGE_CHECK).parse("""
                targets:
                  - name: hub23
                    repo: %s
                    charts: [%s]
                    dashboard: true
                    dependencies:
                      binderhub: {source: jupyterhub/binderhub}
                      traefik: {ignore: true}
                mirrors:
                  https://charts.example.org/: charts
                """.formatted(REPO, CHART), "bot.yaml", dir);
        RetryingHttpClient http = new RetryingHttpClient(HttpOptions.defaults());
        Mirrors mirrors = new Mirrors(config.mirrors());
        VersionLookup lookup = new VersionLookup(new HelmRepositorySource(http, mirrors), new OciTagSource(http, mirrors));
        // A new session per repository and run, as a real run has.
        PlatformPublishing github = new PlatformPublishing(repo -> t.platform(PublishTestSupport.TOKEN),
                PullRequestPublisher.Options.defaults().withMergedPulls(listMergedPulls));
        return new UpgradeRun(config, lookup, Optional.of(github), dryRun, Optional.empty(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTwoChartBumpIsTitledWithBothAndTheDryRunPrintsTheirCompareLinks() {
        String dry = PlanRenderer.text(run(true).execute().plan(), List.of());
        assertTrue(dry.contains("hub23 binderhub: https://github.com/jupyterhub/binderhub/compare/b35ec4e...f76e37e"),
                dry);
        assertTrue(dry.contains("hub23 nginx-ingress: https://github.com/kubernetes/ingress-nginx/compare/1.39.0...1.40.2"),
                dry);
        assertEquals(List.of(), t.writes(), "a dry run writes nothing, not even the dashboard");

        UpgradeRun.Outcome outcome = run(false).execute();
        assertFalse(outcome.plan().anyFailed(), outcome.toString());
        FakeGitHub.Pull pull = t.fake.openPulls(REPO).get(0);
        assertEquals("binderhub: 0.2.0-n465.hb35ec4e...0.2.0-n471.hf76e37e, nginx-ingress: 1.39.0...1.40.2", pull.title);
    }

    @Test
    void theDashboardIsCreatedOnceEditedOnlyWhenItsTextChangesAndNeverDuplicated() {
        run(false).execute();
        assertEquals(1, t.fake.openIssues(REPO).size());
        FakeGitHub.Issue dashboard = t.fake.openIssues(REPO).get(0);
        int pr = t.fake.openPulls(REPO).get(0).number;
        assertTrue(dashboard.body.contains("| binderhub | `" + CHART + "` | `0.2.0-n465.hb35ec4e` | `0.2.0-n471.hf76e37e` | [#"
                + pr + "](https://github.com/" + REPO + "/pull/" + pr + ") |"), dashboard.body);
        assertTrue(dashboard.body.contains("| local | `" + CHART + "` | `0.1.0` | "), "a skipped pin: " + dashboard.body);
        assertTrue(dashboard.body.contains("## Ignored dependencies\n\n- traefik\n"), dashboard.body);
        assertTrue(dashboard.body.contains("**Last run**: ok"), dashboard.body);

        // A rerun a day later finds the same: no write at all, the dashboard included.
        now = now.plusSeconds(86_400);
        t.fake.clearLog();
        UpgradeRun.Outcome same = run(false).execute();
        assertEquals(List.of(), t.writes(), same.notes().toString());
        assertTrue(same.notes().stream().anyMatch(n -> n.contains("dashboard UNCHANGED")), same.notes().toString());

        // The index becomes unreadable: the run fails and the dashboard says so, in place.
        t.fake.clearLog();
        String index = dir.resolve("charts/index.yaml").toString();
        try {
            Files.writeString(Path.of(index), "entries: [not an index\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        UpgradeRun.Outcome failed = run(false).execute();
        assertTrue(failed.plan().anyFailed());
        assertEquals(1, t.fake.openIssues(REPO).size(), "never a second dashboard");
        assertTrue(t.fake.openIssues(REPO).get(0).body.contains("**Last run**: failed"), t.fake.openIssues(REPO).get(0).body);
        assertTrue(t.fake.openIssues(REPO).get(0).body.contains("**Last error**: 2026-01-02T03:00:00Z: "),
                t.fake.openIssues(REPO).get(0).body);
        assertEquals(1, t.writes().size(), "one edit: " + t.writes());
    }

    @Test
    void faultsAtEveryDashboardStepAcrossRerunsNeverDuplicateIt() {
        // Create: the answer to creating the issue is lost (502 after it was made), then GitHub recovers.
        t.fake.inject(new FakeGitHub.Fault("POST", ".*/issues", 502, Map.of(), true, 1));
        run(false).execute();
        run(false).execute();
        assertEquals(1, t.fake.openIssues(REPO).size(), t.fake.requests().toString());

        // Edit: the listing fails four times (every attempt of a run), then the edit's answer is lost.
        now = now.plusSeconds(86_400);
        t.fake.inject(new FakeGitHub.Fault("GET", ".*/issues", 503, Map.of(), false, 4));
        UpgradeRun.Outcome listingDown = run(false).execute();
        assertTrue(listingDown.plan().anyFailed(), "a dashboard that cannot be written is an error, not silence");
        t.fake.addIssue(REPO, "unrelated", "a person's issue");
        t.fake.inject(new FakeGitHub.Fault("PATCH", ".*/issues/\\d+", 502, Map.of(), true, 4));
        run(false).execute();
        run(false).execute();
        List<FakeGitHub.Issue> open = t.fake.openIssues(REPO);
        assertEquals(2, open.size(), "the dashboard and the person's issue");
        assertEquals(1, open.stream().filter(i -> i.body != null && i.body.contains(DashboardText.marker("hub23"))).count());
    }

    @Test
    void aRunThatCannotReachGitHubLeavesTheDashboardAsItWas() {
        run(false).execute();
        String before = t.fake.openIssues(REPO).get(0).body;
        now = now.plusSeconds(86_400);
        t.fake.clearLog();
        t.fake.inject(new FakeGitHub.Fault("GET", ".*", 503, Map.of(), false, 100));
        UpgradeRun.Outcome down = run(false).execute();
        assertTrue(down.plan().anyFailed());
        assertTrue(t.writes().isEmpty(), t.writes().toString());
        assertEquals(before, t.fake.openIssues(REPO).get(0).body);
        assertTrue(down.notes().stream().noneMatch(n -> n.contains("dashboard")), down.notes().toString());
    }

    /** Requests a whole run makes (files, pull request, comparisons, dashboard), by run kind. */
    @Test
    void apiCallsPerRunForNewUnchangedAndUpdatedWithAndWithoutTheMergedPullRequests() throws Exception {
        String binderhub = "jupyterhub/binderhub";
        t.fake.createRepo(binderhub, "main", Map.of("README.md", "b\n"));
        t.fake.tag(binderhub, "b35ec4e", t.fake.ref(binderhub, "main").orElseThrow());
        List<String> c = t.fake.commitChain(binderhub, "main", List.<String[]>of(
                new String[] {"Merge pull request #1 from a/b\n\nOne", "A"},
                new String[] {"Two (#2)", "B"}));
        t.fake.tag(binderhub, "f76e37e", c.get(1));
        t.fake.tag(binderhub, "32e06ee", t.fake.commitChain(binderhub, "main", List.<String[]>of(
                new String[] {"Three (#3)", "C"})).get(0));
        String nginx = "kubernetes/ingress-nginx";
        t.fake.createRepo(nginx, "main", Map.of("README.md", "n\n"));
        t.fake.tag(nginx, "1.39.0", t.fake.ref(nginx, "main").orElseThrow());
        t.fake.tag(nginx, "1.40.2", t.fake.commitChain(nginx, "main", List.<String[]>of(
                new String[] {"Four (#4)", "D"})).get(0));
        String newer = INDEX.replace("  binderhub:\n", """
                  binderhub:
                  - created: "2021-01-09T22:16:33Z"
                    name: binderhub
                    version: 0.2.0-n472.h32e06ee
                """);

        StringBuilder table = new StringBuilder("run        merged PRs  whole run  pull request\n");
        for (boolean list : List.of(false, true)) {
            t.fake.repo(REPO).pulls.clear();
            t.fake.repo(REPO).issues.clear();
            t.fake.repo(REPO).refs.remove("refs/heads/helm-upgrade-bot/hub23");
            Files.writeString(dir.resolve("charts/index.yaml"), INDEX);
            int[] expected = list ? new int[] {14, 6, 17} : new int[] {10, 6, 13};
            String[] kinds = {"new", "unchanged", "updated"};
            for (int i = 0; i < 3; i++) {
                if (i == 2) {
                    Files.writeString(dir.resolve("charts/index.yaml"), newer);
                }
                t.fake.clearLog();
                UpgradeRun.Outcome o = run(false, list).execute();
                assertFalse(o.plan().anyFailed(), o.toString());
                String pr = o.notes().stream().filter(n -> n.contains("helm-upgrade-bot/hub23")).findFirst().orElseThrow();
                table.append(String.format("%-10s %-11s %9d  %s%n", kinds[i], list ? "listed" : "off",
                        t.fake.requests().size(), pr));
                assertEquals(expected[i], t.fake.requests().size(), kinds[i] + ", merged PRs " + list + ": "
                        + t.fake.requests());
            }
        }
        System.out.println(table);
        assertTrue(t.fake.openPulls(REPO).get(0).body.contains("#3") && t.fake.openPulls(REPO).get(0).body.contains("#4"));
    }
}
