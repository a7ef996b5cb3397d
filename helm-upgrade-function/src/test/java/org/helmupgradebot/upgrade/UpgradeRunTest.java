package org.helmupgradebot.upgrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.report.JobReport;
import org.helmupgradebot.shared.testing.Fixtures;
import org.helmupgradebot.shared.testing.StaticHttpServer;
import org.helmupgradebot.upgrade.wiring.UpgradeJobs;
import org.helmupgradebot.upgrade.config.BotConfig;
import org.helmupgradebot.upgrade.config.ConfigLoader;
import org.helmupgradebot.upgrade.plan.PlanRow;
import org.helmupgradebot.upgrade.plan.TargetPlan;
import org.helmupgradebot.upgrade.plan.UpgradePlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The whole engine against the real fixture indexes and config repos, served over loopback HTTP. */
class UpgradeRunTest {
    private static final String JUPYTERHUB = "https://jupyterhub.github.io/helm-chart/";
    private static final String DASK = "https://helm.dask.org/";
    private static final String BUMP = "config-repos/2i2c-infrastructure/bump-7720a64d/";
    private static final String CHART = "helm-charts/binderhub/Chart.yaml";

    /** Real retries, short waits: 3 attempts, 50 ms backoff (Retry-After is still honoured). */
    static final HttpOptions FAST_RETRIES = HttpOptions.defaults().withMaxAttempts(3)
            .withBackoff(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(200));

    @TempDir
    Path dir;
    private StaticHttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = new StaticHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private UpgradeRun run(String configYaml, boolean dryRun) {
        BotConfig config = new ConfigLoader(UpgradeJobs.RANGE_CHECK).parse(configYaml, "bot.yaml", dir);
        return UpgradeJobs.local(config, dryRun, Optional.empty(), FAST_RETRIES);
    }

    private String bumpConfig(String extraRules) {
        return """
                targets:
                  - name: binderhub
                    dir: repo
                    charts: [helm-charts/binderhub/Chart.yaml]
                    dependencies:
                      dask-gateway: {ignore: true}
                """ + extraRules + """
                mirrors:
                  %s: %s/jupyterhub/
                  %s: %s/dask/
                """.formatted(JUPYTERHUB, server.base(), DASK, server.base());
    }

    private Path copyBefore() throws Exception {
        Path chart = dir.resolve("repo").resolve(CHART);
        Files.createDirectories(chart.getParent());
        Files.copy(Fixtures.path(BUMP + "before/" + CHART), chart);
        return chart;
    }

    /** The real 2i2c bump, replayed on the jupyterhub index as it stood when 3373 was the newest build. */
    @Test
    void realBumpIsReproducedByteForByte() throws Exception {
        Path chart = copyBefore();
        Path index = Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml");
        Instant cutoff = createdOf(index, "binderhub", "1.0.0-0.dev.git.3373.h41b9d77");
        server.respond("/jupyterhub/index.yaml", StaticHttpServer.Response.ok(indexUpTo(index, cutoff)));

        JobReport report = run(bumpConfig(""), false).run();

        assertEquals(0, report.exitCode(), report.text());
        assertArrayEquals(Files.readAllBytes(Fixtures.path(BUMP + "after/" + CHART)), Files.readAllBytes(chart),
                report.text());
        assertEquals(1, server.count("/jupyterhub/index.yaml"), "index fetched once");
        assertEquals(0, server.count("/dask/index.yaml"), "an ignored dependency is not looked up");
    }

    @Test
    void dryRunPlansTheNewestDevBuildAndWritesNothing() throws Exception {
        Path chart = copyBefore();
        byte[] before = Files.readAllBytes(chart);
        Path index = Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml");
        server.file("/jupyterhub/index.yaml", index);

        UpgradePlan plan = run(bumpConfig(""), true).plan();

        TargetPlan target = plan.targets().get(0);
        assertFalse(target.failed(), target.errors()::toString);
        PlanRow binderhub = target.rows().stream().filter(r -> r.pin().name().equals("binderhub")).findFirst().get();
        assertEquals(PlanRow.Action.BUMP, binderhub.action());
        assertEquals(Optional.of(newestOneZeroDevBuild(index)), binderhub.newest());
        assertEquals(Optional.of("https://github.com/jupyterhub/binderhub"), binderhub.sourceRepo());
        PlanRow dask = target.rows().stream().filter(r -> r.pin().name().equals("dask-gateway")).findFirst().get();
        assertEquals(PlanRow.Action.SKIPPED, dask.action());
        JobReport report = run(bumpConfig(""), true).run();
        assertEquals(0, report.exitCode());
        assertArrayEquals(before, Files.readAllBytes(chart), "dry run must not write");
        assertTrue(report.json().contains("\"action\" : \"bump\""), report.json());
    }

    @Test
    void stableStreamOnADevPinProposesNoDevBuild() throws Exception {
        copyBefore();
        server.file("/jupyterhub/index.yaml", Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml"));
        String rules = "      binderhub: {prerelease: stable}\n";
        PlanRow row = run(bumpConfig(rules), true).plan().targets().get(0).rows().get(0);
        // The jupyterhub index has no stable binderhub 1.x release at all.
        assertTrue(row.action() != PlanRow.Action.BUMP || !row.newest().get().contains("-"), row::toString);
    }

    @Test
    void aFailingRepositoryFailsOnlyItsTargetAndWritesNothing() throws Exception {
        Path chart = copyBefore();
        byte[] before = Files.readAllBytes(chart);
        Path other = dir.resolve("other/Chart.yaml");
        Files.createDirectories(other.getParent());
        Files.writeString(other, """
                apiVersion: v2
                name: other
                version: 0.1.0
                dependencies:
                  - name: ingress-nginx
                    version: 4.0.1
                    repository: https://kubernetes.github.io/ingress-nginx
                """);
        server.respond("/jupyterhub/index.yaml", StaticHttpServer.Response.status(500, "oops", Map.of()));
        server.file("/nginx/index.yaml", Fixtures.path("helm-index/ingress-nginx-index.yaml"));
        String config = """
                targets:
                  - name: binderhub
                    dir: repo
                    charts: [helm-charts/binderhub/Chart.yaml]
                    dependencies:
                      dask-gateway: {ignore: true}
                  - {name: other, dir: other, charts: [Chart.yaml]}
                mirrors:
                  %s: %s/jupyterhub/
                  https://kubernetes.github.io/ingress-nginx: %s/nginx/
                """.formatted(JUPYTERHUB, server.base(), server.base());
        JobReport report = run(config, false).run();

        assertEquals(1, report.exitCode(), report.text());
        assertArrayEquals(before, Files.readAllBytes(chart), "the failed target writes nothing");
        String error = report.text().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
        assertTrue(error.contains(server.base() + "/jupyterhub/index.yaml") && error.contains("500"), report.text());
        assertFalse(Files.readString(other).contains("version: 4.0.1"), "the other target is still bumped");
    }

    @Test
    void truncatedIndexIsAnErrorNotAnUpdate() throws Exception {
        Path chart = copyBefore();
        byte[] before = Files.readAllBytes(chart);
        byte[] index = Files.readAllBytes(Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml"));
        // Cut at a line end in the middle: still valid YAML, but not a whole index.
        int cut = index.length / 2;
        while (index[cut] != '\n') {
            cut++;
        }
        server.respond("/jupyterhub/index.yaml", StaticHttpServer.Response.ok(java.util.Arrays.copyOf(index, cut + 1)));
        JobReport report = run(bumpConfig(""), false).run();
        assertEquals(1, report.exitCode());
        assertTrue(report.text().contains("truncated"), report.text());
        assertArrayEquals(before, Files.readAllBytes(chart));
    }

    @Test
    void connectionCutMidBodyIsAnError() throws Exception {
        copyBefore();
        byte[] index = Files.readAllBytes(Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml"));
        server.respond("/jupyterhub/index.yaml", new StaticHttpServer.Response(200, Map.of(), index, 100_000, 0));
        JobReport report = run(bumpConfig(""), true).run();
        assertEquals(1, report.exitCode(), report.text());
        assertTrue(report.text().contains("/jupyterhub/index.yaml"), report.text());
    }

    @Test
    void notAnIndexAndUnknownChartAreClearErrors() throws Exception {
        copyBefore();
        server.respond("/jupyterhub/index.yaml", StaticHttpServer.Response.ok("<html>nope</html>\n".getBytes()));
        JobReport report = run(bumpConfig(""), true).run();
        assertEquals(1, report.exitCode());
        assertTrue(report.text().contains("not a Helm index"), report.text());

        server.file("/jupyterhub/index.yaml", Fixtures.path("helm-index/dask-helm-chart-index.yaml"));
        report = run(bumpConfig(""), true).run();
        assertEquals(1, report.exitCode());
        assertTrue(report.text().contains("chart 'binderhub' not found"), report.text());
    }

    @Test
    void rateLimitedOnceThenServed() throws Exception {
        copyBefore();
        byte[] index = Files.readAllBytes(Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml"));
        int[] calls = {0};
        server.respond("/jupyterhub/index.yaml", ex -> calls[0]++ == 0
                ? StaticHttpServer.Response.status(429, "slow down", Map.of("Retry-After", "1"))
                : StaticHttpServer.Response.ok(index));
        UpgradePlan plan = run(bumpConfig(""), true).plan();
        assertFalse(plan.anyFailed(), plan.targets().get(0).errors()::toString);
        assertEquals(2, server.count("/jupyterhub/index.yaml"));
    }

    /** mybinder.org today pins a binderhub build newer than anything in the 2024 index: no "bump" back. */
    @Test
    void pinNewerThanTheIndexIsNeverDowngraded() throws Exception {
        server.file("/jupyterhub/index.yaml", Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml"));
        Path repo = Fixtures.path("config-repos/mybinder.org-deploy/HEAD");
        String config = """
                targets:
                  - name: mybinder
                    dir: %s
                    charts: [mybinder/Chart.yaml]
                    %s
                mirrors:
                  https://jupyterhub.github.io/helm-chart: %s/jupyterhub/
                """.formatted(repo, ignoreMybinderChartsBut("binderhub"), server.base());
        UpgradePlan plan = run(config, true).plan();
        TargetPlan t = plan.targets().get(0);
        assertFalse(t.failed(), t.errors()::toString);
        assertEquals(10, t.rows().size());
        PlanRow binderhub = t.rows().get(0);
        assertEquals("1.0.0-0.dev.git.3983.h383374de", binderhub.pin().version());
        assertTrue(binderhub.action() != PlanRow.Action.BUMP, binderhub::toString);
    }

    /** mybinder.org's HEAD chart pins ten charts; a test served only one repository ignores the others. */
    static String ignoreMybinderChartsBut(String checked) {
        StringBuilder out = new StringBuilder("dependencies:");
        for (String chart : List.of("binderhub", "traefik", "prometheus", "grafana", "cryptnono", "cluster-autoscaler",
                "binderhub-container-registry-helper", "localpv-provisioner", "harbor", "k8s-log-alerter-zulip")) {
            if (!chart.equals(checked)) {
                out.append("\n      ").append(chart).append(": {ignore: true}");
            }
        }
        return out.toString();
    }

    private static byte[] indexUpTo(Path index, Instant cutoff) throws Exception {
        Map<String, Object> doc = load(index);
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> entries = (Map<String, List<Map<String, Object>>>) doc.get("entries");
        Map<String, List<Map<String, Object>>> kept = new LinkedHashMap<>();
        entries.forEach((chart, list) -> kept.put(chart, list.stream()
                .filter(e -> !instant(e.get("created")).isAfter(cutoff)).toList()));
        doc.put("entries", kept);
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(o).dump(doc).getBytes(StandardCharsets.UTF_8);
    }

    private static Instant createdOf(Path index, String chart, String version) throws Exception {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = ((Map<String, List<Map<String, Object>>>) load(index).get("entries")).get(chart);
        return list.stream().filter(e -> version.equals(String.valueOf(e.get("version"))))
                .map(e -> instant(e.get("created"))).findFirst().orElseThrow();
    }

    /** Independent of the engine: the 1.0.0 dev build with the latest created instant. */
    private static String newestOneZeroDevBuild(Path index) throws Exception {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = ((Map<String, List<Map<String, Object>>>) load(index).get("entries")).get("binderhub");
        List<Map<String, Object>> dev = new ArrayList<>();
        for (Map<String, Object> e : list) {
            if (String.valueOf(e.get("version")).startsWith("1.0.0-0.dev.git.")) {
                dev.add(e);
            }
        }
        return String.valueOf(dev.stream().max(Comparator.comparing(e -> instant(e.get("created")))).get().get("version"));
    }

    private static Instant instant(Object created) {
        if (created instanceof java.util.Date d) {
            return d.toInstant();
        }
        return OffsetDateTime.parse(String.valueOf(created)).toInstant();
    }

    private static Map<String, Object> load(Path index) throws Exception {
        LoaderOptions lo = new LoaderOptions();
        lo.setCodePointLimit(64 << 20);
        try (Reader r = Files.newBufferedReader(index)) {
            return new Yaml(lo).load(r);
        }
    }
}
