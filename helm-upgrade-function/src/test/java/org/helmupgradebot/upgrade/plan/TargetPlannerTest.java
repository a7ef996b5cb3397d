package org.helmupgradebot.upgrade.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.upgrade.config.DependencyRule;
import org.helmupgradebot.upgrade.config.Target;
import org.helmupgradebot.upgrade.files.LocalTargetFiles;
import org.helmupgradebot.upgrade.source.HelmRepositorySource;
import org.helmupgradebot.upgrade.source.Mirrors;
import org.helmupgradebot.upgrade.source.OciTagSource;
import org.helmupgradebot.upgrade.source.VersionLookup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Major bumps, {@code minimumReleaseAge}, publication dates and publish groups, on a small chart and a small
 * Helm index of our own (served from a mirror folder) with a fixed clock.
 */
class TargetPlannerTest {
    private static final String REPO = "https://charts.example.org/";
    private static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");

    @TempDir
    Path dir;

    private static final String CHART = """
            apiVersion: v2
            name: hub
            version: 0.1.0
            dependencies:
              - name: jupyterhub
                version: "%s"   # the hub
                repository: https://charts.example.org/
              - name: dask
                version: %s
                repository: https://charts.example.org/
            """;

    @BeforeEach
    void index() throws Exception {
        Path index = dir.resolve("mirror/index.yaml");
        Files.createDirectories(index.getParent());
        Files.writeString(index, """
                apiVersion: v1
                entries:
                  jupyterhub:
                  - {name: jupyterhub, version: 3.3.6, created: "2024-01-10T00:00:00Z"}
                  - {name: jupyterhub, version: 3.3.7, created: "2024-03-01T00:00:00+02:00"}
                  - {name: jupyterhub, version: 3.3.8, created: "2026-06-09T12:00:00Z"}
                  - {name: jupyterhub, version: 4.0.0, created: "2026-05-01T00:00:00Z"}
                  - {name: jupyterhub, version: 4.1.0, created: "2026-06-10T06:00:00Z"}
                  dask:
                  - {name: dask, version: 1.0.0, created: "2025-01-01T00:00:00Z"}
                  - {name: dask, version: 1.1.0, created: "2026-02-01T00:00:00Z"}
                generated: "2026-06-10T06:00:00Z"
                """);
    }

    private TargetPlan plan(String jupyterhub, String dask, Map<String, DependencyRule> rules, Instant now) throws Exception {
        Files.createDirectories(dir.resolve("repo"));
        Files.writeString(dir.resolve("repo/Chart.yaml"), CHART.formatted(jupyterhub, dask));
        Target target = new Target("hub", Optional.of(dir.resolve("repo")), Optional.empty(), Optional.empty(),
                List.of("Chart.yaml"), List.of(), rules, List.of(), List.of(), false);
        RetryingHttpClient http = new RetryingHttpClient(HttpOptions.defaults());
        Mirrors mirrors = new Mirrors(Map.of(REPO, dir.resolve("mirror").toUri().toString()));
        VersionLookup lookup = new VersionLookup(new HelmRepositorySource(http, mirrors), new OciTagSource(http, mirrors));
        TargetPlanner planner = new TargetPlanner(lookup, Optional.empty(), Clock.fixed(now, ZoneOffset.UTC));
        List<PinnedFile> files = TargetReader.read(target, new LocalTargetFiles(dir.resolve("repo")));
        lookup.prefetch(files.stream().flatMap(f -> f.pins().stream()).toList()); // as UpgradeRun does
        TargetPlan plan = planner.plan(target, "repo", files);
        assertFalse(plan.failed(), plan.errors()::toString);
        return plan;
    }

    private static PlanRow row(TargetPlan plan, String name) {
        return plan.rows().stream().filter(r -> r.pin().name().equals(name)).findFirst().orElseThrow();
    }

    private static DependencyRule rule(DependencyRule.Major major, Optional<Duration> age) {
        return new DependencyRule("auto", Optional.empty(), false, Optional.empty(), major, age);
    }

    @Test
    void aMajorBumpIsFlaggedAndRidesInTheTargetsPullRequestByDefault() throws Exception {
        TargetPlan plan = plan("3.3.6", "1.0.0", Map.of(), NOW);
        PlanRow hub = row(plan, "jupyterhub");
        assertEquals(PlanRow.Action.BUMP, hub.action());
        assertEquals(Optional.of("4.1.0"), hub.newest());
        assertTrue(hub.major());
        PlanRow dask = row(plan, "dask");
        assertEquals(Optional.of("1.1.0"), dask.newest());
        assertFalse(dask.major());
        assertEquals(1, plan.groups().size());
        assertEquals("hub", plan.groups().get(0).name());
        assertEquals(List.of(hub, dask), plan.groups().get(0).bumps());
        assertEquals(plan.edits(), plan.groups().get(0).edits());
    }

    @Test
    void majorSeparateGetsAPullRequestOfItsOwnWithItsOwnEdit() throws Exception {
        TargetPlan plan = plan("3.3.6", "1.0.0",
                Map.of("jupyterhub", rule(DependencyRule.Major.SEPARATE, Optional.empty())), NOW);
        assertEquals(List.of("hub", "hub-jupyterhub-major"), plan.groups().stream().map(PublishGroup::name).toList());
        String original = CHART.formatted("3.3.6", "1.0.0");
        assertEquals(Map.of("Chart.yaml", CHART.formatted("3.3.6", "1.1.0")), plan.groups().get(0).edits());
        assertEquals(Map.of("Chart.yaml", CHART.formatted("4.1.0", "1.0.0")), plan.groups().get(1).edits());
        assertEquals(List.of(row(plan, "jupyterhub")), plan.groups().get(1).bumps());
        assertEquals(Map.of("Chart.yaml", CHART.formatted("4.1.0", "1.1.0")), plan.edits(), "a local target writes both");
        assertFalse(original.equals(plan.edits().get("Chart.yaml")));
    }

    @Test
    void majorSeparateWithNoMajorOnOfferStaysInTheTargetsPullRequest() throws Exception {
        TargetPlan plan = plan("4.0.0", "1.0.0",
                Map.of("jupyterhub", rule(DependencyRule.Major.SEPARATE, Optional.empty())), NOW);
        assertEquals(List.of("hub"), plan.groups().stream().map(PublishGroup::name).toList());
        assertEquals(2, plan.groups().get(0).bumps().size());
    }

    @Test
    void majorIgnoreBumpsWithinTheMajorAndSaysTheMajorWaits() throws Exception {
        Map<String, DependencyRule> rules = Map.of("jupyterhub", rule(DependencyRule.Major.IGNORE, Optional.empty()));
        PlanRow hub = row(plan("3.3.6", "1.0.0", rules, NOW), "jupyterhub");
        assertEquals(PlanRow.Action.BUMP, hub.action());
        assertEquals(Optional.of("3.3.8"), hub.newest());
        assertFalse(hub.major());
        assertTrue(hub.reason().contains("major 4.1.0 waits (major: ignore)"), hub.reason());

        TargetPlan atTop = plan("3.3.8", "1.1.0", rules, NOW);
        PlanRow waiting = row(atTop, "jupyterhub");
        assertEquals(PlanRow.Action.WAITING, waiting.action());
        assertEquals(Optional.of("4.1.0"), waiting.newest());
        assertTrue(waiting.major());
        assertEquals("major 4.1.0 waits (major: ignore)", waiting.reason());
        assertEquals(Map.of(), atTop.edits(), "a waiting version is not bumped");
        assertEquals(List.of(), atTop.groups());
    }

    @Test
    void minimumReleaseAgeHoldsAYoungVersionBackAndSaysUntilWhen() throws Exception {
        Map<String, DependencyRule> rules = Map.of("jupyterhub",
                rule(DependencyRule.Major.IGNORE, Optional.of(Duration.ofDays(3))));
        // 3.3.8 was published a day ago: 3.3.7 is proposed, 3.3.8 waits until three days after it appeared.
        PlanRow hub = row(plan("3.3.6", "1.0.0", rules, NOW), "jupyterhub");
        assertEquals(PlanRow.Action.BUMP, hub.action());
        assertEquals(Optional.of("3.3.7"), hub.newest());
        Instant until = Instant.parse("2026-06-12T12:00:00Z");
        assertEquals(Optional.of(until), hub.waitingUntil());
        assertTrue(hub.reason().contains("3.3.8 waits until 2026-06-12T12:00:00Z (minimumReleaseAge 3d)"), hub.reason());

        // Pinned at 3.3.7, nothing old enough is newer: the row waits, nothing is edited.
        TargetPlan held = plan("3.3.7", "1.1.0", rules, NOW);
        PlanRow waiting = row(held, "jupyterhub");
        assertEquals(PlanRow.Action.WAITING, waiting.action());
        assertEquals(Optional.of("3.3.8"), waiting.newest());
        assertEquals(Optional.of(until), waiting.waitingUntil());
        assertEquals(Map.of(), held.edits());

        // Once the time has passed, it is proposed.
        PlanRow later = row(plan("3.3.7", "1.1.0", rules, until.plusSeconds(1)), "jupyterhub");
        assertEquals(PlanRow.Action.BUMP, later.action());
        assertEquals(Optional.of("3.3.8"), later.newest());
        assertEquals(Optional.empty(), later.waitingUntil());
    }

    @Test
    void minimumReleaseAgeAloneLetsAnOldEnoughMajorThrough() throws Exception {
        // 4.1.0 is six hours old, 4.0.0 forty days: with 12h, 4.0.0 is proposed (a major, together).
        Map<String, DependencyRule> rules = Map.of("jupyterhub",
                rule(DependencyRule.Major.TOGETHER, Optional.of(Duration.ofHours(12))));
        PlanRow hub = row(plan("3.3.6", "1.0.0", rules, NOW), "jupyterhub");
        assertEquals(Optional.of("4.0.0"), hub.newest());
        assertTrue(hub.major());
        assertEquals(Optional.of(Instant.parse("2026-06-10T18:00:00Z")), hub.waitingUntil());
    }

    @Test
    void publicationDatesOfTheCurrentAndProposedVersions() throws Exception {
        TargetPlan plan = plan("3.3.7", "1.1.0", Map.of(), NOW);
        PlanRow hub = row(plan, "jupyterhub");
        assertEquals(Optional.of(Instant.parse("2024-02-29T22:00:00Z")), hub.currentCreated(), "+02:00 read as an instant");
        assertEquals(Optional.of(Instant.parse("2026-06-10T06:00:00Z")), hub.newestCreated());
        PlanRow dask = row(plan, "dask");
        assertEquals(PlanRow.Action.CURRENT, dask.action());
        assertEquals(Optional.of(Instant.parse("2026-02-01T00:00:00Z")), dask.currentCreated());
    }
}
