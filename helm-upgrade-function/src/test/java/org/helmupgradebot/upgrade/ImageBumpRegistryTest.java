package org.helmupgradebot.upgrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.report.JobReport;
import org.helmupgradebot.shared.testing.DockerRegistryServer;
import org.helmupgradebot.shared.testing.Fixtures;
import org.helmupgradebot.shared.testing.RegistrySeeder;
import org.helmupgradebot.upgrade.wiring.UpgradeJobs;
import org.helmupgradebot.upgrade.config.BotConfig;
import org.helmupgradebot.upgrade.config.ConfigLoader;
import org.helmupgradebot.upgrade.plan.PlanRow;
import org.helmupgradebot.upgrade.plan.UpgradePlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image tag bumps through the distribution API of a real registry (Debian's docker-registry on
 * loopback), on mybinder.org's real 2021 values.yaml pinning a git-describe repo2docker tag.
 */
class ImageBumpRegistryTest {
    private static final String VALUES = "config-repos/mybinder.org-deploy/2021-01-09_c7709e92/mybinder/values.yaml";
    private static final String PATH = "binderhub.config.BinderHub.build_image";
    private static final String PIN = "0.11.0-195.g2f1914d";
    private static DockerRegistryServer registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRegistry() {
        assumeTrue(DockerRegistryServer.available(), "Debian's docker-registry is not installed: test skipped");
        registry = DockerRegistryServer.start();
        RegistrySeeder seeder = new RegistrySeeder(registry.client(), 7);
        RegistrySeeder.Layer layer = seeder.layer(1024);
        // Tags as repo2docker published them around the pin: releases, git-describe builds, moving tags.
        for (String tag : List.of("0.10.0", "0.10.0-300.g1111111", "0.11.0", "0.11.0-175.g8c4eaa7", PIN,
                "0.11.0-204.g3eb9e9e", "0.11.0-12.gaaaaaaa", "latest", "main", "v0.9.9", "sha-2f1914d")) {
            seeder.image("jupyter/repo2docker", Instant.parse("2021-01-01T00:00:00Z"), List.of(layer), tag);
        }
        // mybinder.org pins traefik 41.1.1 from oci://ghcr.io/traefik/helm: Helm keeps it at traefik/helm/traefik.
        for (String tag : List.of("40.0.0", "41.1.1", "41.2.0", "42.0.0-rc.1")) {
            seeder.image("traefik/helm/traefik", Instant.parse("2026-01-01T00:00:00Z"), List.of(layer), tag);
        }
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    private UpgradeRun run(Path repo, boolean dryRun) {
        String yaml = """
                targets:
                  - name: mybinder-2021
                    dir: %s
                    images:
                      - file: mybinder/values.yaml
                        paths: [%s]
                mirrors:
                  docker.io: %s
                """.formatted(repo, PATH, registry.baseUrl());
        BotConfig config = new ConfigLoader(UpgradeJobs.RANGE_CHECK).parse(yaml, "bot.yaml", dir);
        return UpgradeJobs.local(config, dryRun, Optional.empty(), UpgradeRunTest.FAST_RETRIES);
    }

    @Test
    void gitDescribeTagMovesToTheBuildWithMoreCommitsAndOnlyItsBytesChange() throws Exception {
        Path values = dir.resolve("repo/mybinder/values.yaml");
        Files.createDirectories(values.getParent());
        Files.copy(Fixtures.path(VALUES), values);
        byte[] before = Files.readAllBytes(values);

        UpgradePlan plan = run(dir.resolve("repo"), true).plan();
        PlanRow row = plan.targets().get(0).rows().get(0);
        assertEquals("jupyter/repo2docker", row.pin().name());
        assertEquals(PlanRow.Action.BUMP, row.action(), row::toString);
        assertEquals(Optional.of("0.11.0-204.g3eb9e9e"), row.newest(), "195 commits after 0.11.0 -> 204 after it");
        assertArrayEquals(before, Files.readAllBytes(values), "dry run writes nothing");

        JobReport report = run(dir.resolve("repo"), false).run();
        assertEquals(0, report.exitCode(), report.text());
        String expected = new String(before, StandardCharsets.UTF_8)
                .replace("jupyter/repo2docker:" + PIN, "jupyter/repo2docker:0.11.0-204.g3eb9e9e");
        assertEquals(expected, Files.readString(values));
    }

    @Test
    void unknownRepositoryIsAClearErrorAndWritesNothing() throws Exception {
        Path values = dir.resolve("repo/values.yaml");
        Files.createDirectories(values.getParent());
        Files.writeString(values, "binderhub:\n  config:\n    BinderHub:\n      build_image: jupyter/nothing-here:1.0.0\n");
        String yaml = """
                targets:
                  - name: t
                    dir: repo
                    images: [{file: values.yaml, paths: [%s]}]
                mirrors:
                  docker.io: %s
                """.formatted(PATH, registry.baseUrl());
        BotConfig config = new ConfigLoader(UpgradeJobs.RANGE_CHECK).parse(yaml, "bot.yaml", dir);
        JobReport report = UpgradeJobs.local(config, false, Optional.empty(), UpgradeRunTest.FAST_RETRIES).run();
        assertEquals(1, report.exitCode());
        assertTrue(report.text().contains("jupyter/nothing-here") && report.text().contains("not found"), report.text());
        assertTrue(Files.readString(values).contains(":1.0.0"));
    }

    @Test
    void ociChartRepositoryIsReadThroughTheDistributionApi() {
        String yaml = """
                targets:
                  - name: mybinder
                    dir: %s
                    charts: [mybinder/Chart.yaml]
                    %s
                mirrors:
                  ghcr.io: %s
                """.formatted(Fixtures.path("config-repos/mybinder.org-deploy/HEAD"),
                UpgradeRunTest.ignoreMybinderChartsBut("traefik"), registry.baseUrl());
        BotConfig config = new ConfigLoader(UpgradeJobs.RANGE_CHECK).parse(yaml, "bot.yaml", dir);
        UpgradePlan plan = UpgradeJobs.local(config, true, Optional.empty(), UpgradeRunTest.FAST_RETRIES).plan();
        PlanRow traefik = plan.targets().get(0).rows().stream()
                .filter(r -> r.pin().name().equals("traefik")).findFirst().orElseThrow();
        assertEquals("oci://ghcr.io/traefik/helm", traefik.pin().repository());
        assertEquals(PlanRow.Action.BUMP, traefik.action(), plan.targets().get(0).errors()::toString);
        assertEquals(Optional.of("41.2.0"), traefik.newest(), "the newest stable tag, not the release candidate");
    }
}
