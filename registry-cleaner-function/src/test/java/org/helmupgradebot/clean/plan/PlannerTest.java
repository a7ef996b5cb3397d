package org.helmupgradebot.clean.plan;

import static org.helmupgradebot.clean.testing.Images.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.policy.CleanPolicy;
import org.helmupgradebot.clean.testing.Images;
import org.junit.jupiter.api.Test;

/** Byte accounting per unique blob and aggressive mode, checked against figures computed by hand. */
class PlannerTest {
    static Plan plan(CleanPolicy policy, List<ManifestRecord> records) {
        return new Planner(policy, Images.NOW).plan("test", records);
    }

    static CleanPolicy policy(int maxAgeDays, Long cap) {
        return new CleanPolicy(OptionalInt.of(maxAgeDays), List.of(), 0, false,
                cap == null ? OptionalLong.empty() : OptionalLong.of(cap));
    }

    static Set<String> deleted(Plan plan) {
        return plan.deletions().stream().map(PlanRow::digest).collect(Collectors.toSet());
    }

    @Test
    void sharedLayersAreCountedOnceAndFreedOnlyWhenNoKeptImageUsesThem() {
        List<ManifestRecord> records = List.of(
                image("app", "a").ageDays(100).blob("base", 100).blob("libA", 30).blob("cfgA", 1).build(),
                image("app", "b").ageDays(100).blob("base", 100).blob("libB", 50).blob("cfgB", 1).build(),
                image("app", "c").ageDays(5).tags("latest").blob("base", 100).blob("libB", 50).blob("cfgC", 1).build());

        Plan plan = plan(policy(30, null), records);

        assertEquals(Set.of(Images.digest("a"), Images.digest("b")), deleted(plan));
        PlanTotals t = plan.totals();
        assertEquals(3, t.images());
        assertEquals(131 + 151 + 151, t.bytesNaive());
        assertEquals(100 + 30 + 1 + 50 + 1 + 1, t.bytesUnique());
        // a frees libA and cfgA; b frees only cfgB (base and libB are still used by c).
        assertEquals(30 + 1 + 1, t.bytesFreed());
        assertEquals(183 - 32, t.bytesAfter());
        assertFalse(t.estimate());
    }

    /** Four young images, one locked; y1 and y2 share layer s, y3 shares p1 with the locked p: 1050 B unique. */
    private static List<ManifestRecord> youngImagesSharingLayers() {
        return List.of(
                image("r", "p").ageDays(3).locked().blob("p1", 400).build(),
                image("r", "y1").ageDays(3).blob("y1", 300).blob("s", 200).build(),
                image("r", "y2").ageDays(4).blob("y2", 100).blob("s", 200).build(),
                image("r", "y3").ageDays(5).blob("y3", 50).blob("p1", 400).build());
    }

    @Test
    void aggressiveModeDeletesWhatFreesMostReestimatingAfterEach() {
        Plan plan = plan(policy(30, 600L), youngImagesSharingLayers());

        // y1 frees 300 (s is shared with y2): 1050 -> 750; then y2 frees 100 + 200: 750 -> 450 <= 600.
        assertEquals(Set.of(Images.digest("y1"), Images.digest("y2")), deleted(plan));
        assertEquals(1050, plan.totals().bytesUnique());
        assertEquals(600, plan.totals().bytesFreed());
        assertEquals(450, plan.totals().bytesAfter());
        assertTrue(plan.notes().isEmpty(), plan.notes().toString());
        assertTrue(plan.deletions().get(0).reason().startsWith("size cap"));
    }

    @Test
    void aggressiveModeStopsAndSaysSoWhenProtectedImagesAloneExceedTheCap() {
        List<ManifestRecord> records = List.of(
                image("r", "p").ageDays(3).locked().blob("p1", 400).build(),
                image("r", "y1").ageDays(3).blob("y1", 300).blob("s", 200).build(),
                image("r", "y2").ageDays(4).blob("y2", 100).blob("s", 200).build(),
                image("r", "y3").ageDays(5).blob("y3", 50).blob("p1", 400).build());

        Plan plan = plan(policy(30, 300L), records);

        assertEquals(Set.of(Images.digest("y1"), Images.digest("y2"), Images.digest("y3")), deleted(plan));
        assertEquals(400, plan.totals().bytesAfter());
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("protected images alone use 400 B")), plan.notes().toString());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("not reached")), plan.notes().toString());
    }

    @Test
    void aggressiveModeFindsLayersSharedOnlyAmongDeletableImages() {
        List<ManifestRecord> records = List.of(
                image("r", "x1").ageDays(3).blob("big", 1000).blob("c1", 1).build(),
                image("r", "x2").ageDays(3).blob("big", 1000).blob("c2", 1).build(),
                image("r", "keep").ageDays(3).tags("prod").blob("k", 10).build());
        CleanPolicy p = new CleanPolicy(OptionalInt.of(30), List.of(java.util.regex.Pattern.compile("prod")), 0, false,
                OptionalLong.of(100));

        Plan plan = plan(p, records);

        assertEquals(Set.of(Images.digest("x1"), Images.digest("x2")), deleted(plan));
        assertEquals(10, plan.totals().bytesAfter());
    }

    @Test
    void withoutBlobsSizesStandInAndAnIndexDoesNotCountItsChildrenTwice() {
        List<ManifestRecord> records = List.of(
                image("r", "idx").ageDays(100).index("c1", "c2").size(1000).build(),
                image("r", "c1").ageDays(100).size(600).build(),
                image("r", "c2").ageDays(100).size(400).build(),
                image("r", "solo").ageDays(1).size(50).build());

        Plan plan = plan(policy(30, null), records);

        assertEquals(2050, plan.totals().bytesNaive());
        assertEquals(1050, plan.totals().bytesUnique());
        assertEquals(1000, plan.totals().bytesFreed());
        assertTrue(plan.totals().estimate());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("estimates")));
    }

    @Test
    void aggressiveModeAlwaysTerminatesAndNeverTouchesProtectedRowsOnRandomRegistries() {
        Random random = new Random(42);
        for (int round = 0; round < 30; round++) {
            List<ManifestRecord> records = new ArrayList<>();
            int n = 50 + random.nextInt(150);
            for (int i = 0; i < n; i++) {
                Images img = image("repo" + random.nextInt(5), "m" + round + "x" + i + "y").ageDays(random.nextInt(200));
                for (int b = 0; b < 1 + random.nextInt(5); b++) {
                    int layer = random.nextInt(60);
                    img.blob("L" + layer, 1000L + layer * 97L);
                }
                switch (random.nextInt(6)) {
                    case 0 -> img.locked();
                    case 1 -> img.tags("release-" + i);
                    case 2 -> img.noDate();
                    default -> { }
                }
                records.add(img.build());
            }
            long cap = random.nextInt(60_000);
            CleanPolicy p = new CleanPolicy(OptionalInt.of(100), List.of(java.util.regex.Pattern.compile("release-.*")),
                    1, false, OptionalLong.of(cap));

            Plan plan = plan(p, records);

            for (PlanRow row : plan.rows()) {
                assertFalse(row.protectedRow() && row.delete(), row.toString());
            }
            Set<String> protectedDigests = plan.rows().stream().filter(PlanRow::protectedRow).map(PlanRow::digest)
                    .collect(Collectors.toSet());
            for (ManifestRecord r : records) {
                if (!r.deleteEnabled() || r.ageReference().isEmpty() || !r.tags().isEmpty()) {
                    assertTrue(protectedDigests.contains(r.digest()), r.toString());
                }
            }
            assertTrue(plan.totals().bytesAfter() <= cap || plan.notes().stream().anyMatch(s -> s.contains("not reached")),
                    "round " + round + ": over the cap without saying so");
            assertEquals(plan.totals().bytesUnique() - plan.totals().bytesFreed(), plan.totals().bytesAfter());
        }
    }

    @Test
    void thePlanIsTheInventoryTableWithVerdictColumnsSortedByAgeThenSizeWithTheBytesEachDeletionFrees() {
        List<ManifestRecord> records = List.of(
                image("app", "a").ageDays(100).blob("base", 100).blob("libA", 30).build(),
                image("app", "b").ageDays(100).blob("base", 100).blob("libB", 50).blob("big", 500).build(),
                image("app", "c").ageDays(5).tags("latest").blob("base", 100).blob("libB", 50).build(),
                image("web", "d").ageDays(200).blob("d", 7).build(),
                image("web", "e").ageDays(2).locked().blob("e", 9).build());

        Plan plan = plan(policy(30, null), records);
        tech.tablesaw.api.Table table = plan.table();

        assertEquals(List.of("repository", "digest", "tags", "mediaType", "created", "lastUpdated", "ageDays",
                "sizeBytes", "deleteEnabled", "writeEnabled", "children", "subject", "problems",
                org.helmupgradebot.clean.policy.PolicyEvaluator.KEEP, org.helmupgradebot.clean.policy.PolicyEvaluator.REASON,
                org.helmupgradebot.clean.policy.PolicyEvaluator.PROTECTED, Plan.FREED_BYTES), table.columnNames());
        // Oldest first, then largest: d (200 days), b (100 days, 650 B), a (100 days, 130 B), c, e.
        assertEquals(List.of("d", "b", "a", "c", "e").stream().map(Images::digest).toList(),
                table.stringColumn("digest").asList());
        assertEquals(List.of(7L, 500L, 30L, 0L, 0L), table.longColumn(Plan.FREED_BYTES).asList());
        assertEquals(List.of(false, false, false, true, true), table.booleanColumn("keep").asList());
        assertEquals(List.of(false, false, false, false, true), table.booleanColumn("protected").asList());
        long sum = table.longColumn(Plan.FREED_BYTES).asList().stream().mapToLong(Long::longValue).sum();
        assertEquals(plan.totals().bytesFreed(), sum, "the column adds up to the total");
    }

    @Test
    void inAggressiveModeEachDeletionCarriesWhatItFrees() {
        Plan plan = plan(policy(30, 600L), youngImagesSharingLayers());

        java.util.Map<String, Long> freed = plan.rows().stream()
                .collect(Collectors.toMap(PlanRow::digest, PlanRow::freedBytes));
        assertEquals(300L, freed.get(Images.digest("y1")), "y1 first: s is still used by y2");
        assertEquals(300L, freed.get(Images.digest("y2")), "then y2 frees its own layer and s");
        assertEquals(0L, freed.get(Images.digest("y3")));
        assertEquals(0L, freed.get(Images.digest("p")));
    }

    @Test
    void withoutAnyRuleThePlanSaysNothingCanBeDeletedAndWhy() {
        List<ManifestRecord> records = List.of(image("r", "ancient").ageDays(5000).blob("x", 10).build());

        Plan plan = plan(CleanPolicy.keepEverything(), records);

        assertTrue(plan.deletions().isEmpty());
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("nothing can be deleted: no rule is set")
                && n.contains("--max-age-days") && n.contains("--size-cap")), plan.notes().toString());
        assertFalse(plan(policy(30, null), records).notes().stream().anyMatch(n -> n.startsWith("nothing can be deleted")));
        CleanPolicy capOnly = new CleanPolicy(OptionalInt.empty(), List.of(), 0, false, OptionalLong.of(1_000_000));
        assertFalse(plan(capOnly, records).notes().stream().anyMatch(n -> n.startsWith("nothing can be deleted")));
    }

    @Test
    void anImageOfUnknownSizeIsKeptAndItsBlobsStillCountAsUsed() {
        List<ManifestRecord> records = List.of(
                image("r", "old").ageDays(100).blob("base", 100).blob("own", 10).build(),
                image("r", "odd").ageDays(100).blob("base", ManifestRecord.SIZE_UNKNOWN).size(ManifestRecord.SIZE_UNKNOWN)
                        .problem("layer size out of range").build());

        Plan plan = plan(policy(30, null), records);

        assertEquals(Set.of(Images.digest("old")), deleted(plan));
        assertEquals(10, plan.totals().bytesFreed(), "base is still used by the kept image of unknown size");
        assertEquals(110, plan.totals().bytesNaive(), "the unknown size is left out of the sum, not added as -1");
        assertTrue(plan.totals().estimate());
    }

    @Test
    void totalsPastLongMaxStopTheRunInsteadOfWrappingNegative() {
        long half = Long.MAX_VALUE / 2 + 1;
        List<ManifestRecord> records = List.of(
                image("r", "a").ageDays(100).blob("a", half).build(),
                image("r", "b").ageDays(100).blob("b", half).build());

        org.helmupgradebot.clean.inventory.RegistryException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.helmupgradebot.clean.inventory.RegistryException.class, () -> plan(policy(30, null), records));

        assertTrue(e.getMessage().contains("overflow"), e.getMessage());
    }
}
