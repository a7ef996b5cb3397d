package org.helmupgradebot.clean.policy;

import static org.helmupgradebot.clean.testing.Images.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.helmupgradebot.clean.inventory.InventoryTable;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.testing.Images;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Protection comes first, each kept row says why, and the age rule never guesses. */
class PolicyEvaluatorTest {
    static CleanPolicy olderThan(int days, int keepNewest, boolean untaggedOnly, String... keepTags) {
        return new CleanPolicy(OptionalInt.of(days), java.util.Arrays.stream(keepTags).map(Pattern::compile).toList(),
                keepNewest, untaggedOnly, OptionalLong.empty());
    }

    /** The policy's verdict columns over the inventory table of these records. */
    static Table evaluate(CleanPolicy policy, List<ManifestRecord> records) {
        Table inventory = InventoryTable.of("inventory", records, Images.NOW);
        Table evaluated = new PolicyEvaluator(policy, Images.NOW).evaluate(inventory);
        assertEquals(inventory.rowCount(), evaluated.rowCount(), "one verdict a row");
        return evaluated;
    }

    static Verdict verdict(Table evaluated, String repo, String name) {
        for (int i = 0; i < evaluated.rowCount(); i++) {
            if (PolicyEvaluator.key(evaluated, i).equals(new ManifestKey(repo, Images.digest(name)))) {
                return new Verdict(!evaluated.booleanColumn(PolicyEvaluator.KEEP).get(i),
                        evaluated.stringColumn(PolicyEvaluator.REASON).get(i),
                        evaluated.booleanColumn(PolicyEvaluator.PROTECTED).get(i));
            }
        }
        throw new AssertionError("no row for " + repo + "/" + name);
    }

    @Test
    void everyProtectionWinsOverAge() {
        List<ManifestRecord> records = List.of(
                image("r", "old").ageDays(100).build(),
                image("r", "young").ageDays(10).build(),
                image("r", "lockeddel").ageDays(100).locked().build(),
                image("r", "lockedwrite").ageDays(100).writeLocked().build(),
                image("r", "broken").ageDays(100).problem("createdTime 'yesterday' does not parse").build(),
                image("r", "release").ageDays(100).tags("v1.2.3").build(),
                image("r", "undated").noDate().build());

        Table v = evaluate(olderThan(30, 0, false, "v\\d+\\.\\d+\\.\\d+"), records);

        assertTrue(verdict(v, "r", "old").delete());
        assertTrue(verdict(v, "r", "old").reason().startsWith("older than 30 days"));
        assertFalse(verdict(v, "r", "young").delete());
        assertFalse(verdict(v, "r", "young").protectedRow(), "young is kept by age only: aggressive mode may take it");
        assertEquals("locked (deleteEnabled=false)", verdict(v, "r", "lockeddel").reason());
        assertEquals("locked (writeEnabled=false)", verdict(v, "r", "lockedwrite").reason());
        assertTrue(verdict(v, "r", "broken").reason().contains("does not parse"));
        assertEquals("tag v1.2.3 matches a keep pattern", verdict(v, "r", "release").reason());
        assertTrue(verdict(v, "r", "undated").reason().contains("never guesses"));
        for (String name : List.of("lockeddel", "lockedwrite", "broken", "release", "undated")) {
            assertTrue(verdict(v, "r", name).protectedRow(), name);
            assertFalse(verdict(v, "r", name).delete(), name);
        }
    }

    @Test
    void keepPatternMatchesWholeTagsOnly() {
        List<ManifestRecord> records = List.of(image("r", "a").ageDays(100).tags("main-2024").build());

        Table v = evaluate(olderThan(30, 0, false, "main"), records);

        assertTrue(verdict(v, "r", "a").delete());
    }

    @Test
    void newestKPerRepositoryIgnoresChildrenAndReferrers() {
        List<ManifestRecord> records = List.of(
                image("a", "a1").ageDays(100).build(),
                image("a", "a2").ageDays(200).build(),
                image("a", "a3").ageDays(300).build(),
                image("a", "sig").ageDays(50).referrerOf("a1").build(),
                image("b", "b1").ageDays(400).build());

        Table v = evaluate(olderThan(30, 2, false), records);

        assertTrue(verdict(v, "a", "a1").reason().startsWith("among the newest 2"));
        assertTrue(verdict(v, "a", "a2").reason().startsWith("among the newest 2"));
        assertTrue(verdict(v, "a", "a3").delete());
        assertEquals("referrer of kept " + Images.digest("a1"), verdict(v, "a", "sig").reason());
        assertTrue(verdict(v, "b", "b1").reason().startsWith("among the newest 2 of b"));
    }

    @Test
    void childrenOfAKeptIndexAreKeptAndOfADeletedIndexAreNot() {
        List<ManifestRecord> records = List.of(
                image("r", "keptidx").ageDays(5).index("c1", "c2").tags("latest").build(),
                image("r", "c1").ageDays(100).build(),
                image("r", "c2").ageDays(100).build(),
                image("r", "oldidx").ageDays(100).index("c3").build(),
                image("r", "c3").ageDays(100).build());

        Table v = evaluate(olderThan(30, 0, false), records);

        assertEquals("child of kept index " + Images.digest("keptidx"), verdict(v, "r", "c1").reason());
        assertTrue(verdict(v, "r", "c2").protectedRow());
        assertTrue(verdict(v, "r", "oldidx").delete());
        assertTrue(verdict(v, "r", "c3").delete());
    }

    @Test
    void protectionPropagatesThroughChains() {
        // A kept index keeps its child; the child's signature is then a referrer of a kept manifest.
        List<ManifestRecord> records = List.of(
                image("r", "idx").ageDays(100).index("child").locked().build(),
                image("r", "child").ageDays(100).build(),
                image("r", "sig").ageDays(100).referrerOf("child").build());

        Table v = evaluate(olderThan(30, 0, false), records);

        assertFalse(verdict(v, "r", "child").delete());
        assertFalse(verdict(v, "r", "sig").delete());
        assertEquals("referrer of kept " + Images.digest("child"), verdict(v, "r", "sig").reason());
    }

    @Test
    void untaggedOnlyKeepsTaggedImages() {
        List<ManifestRecord> records = List.of(
                image("r", "tagged").ageDays(100).tags("x").build(),
                image("r", "untagged").ageDays(100).build());

        Table v = evaluate(olderThan(30, 0, true), records);

        assertEquals("tagged (untagged-only mode)", verdict(v, "r", "tagged").reason());
        assertTrue(verdict(v, "r", "untagged").delete());
    }

    @Test
    void withoutAnAgeRuleNothingIsDeleted() {
        List<ManifestRecord> records = List.of(image("r", "ancient").ageDays(5000).build());

        Table v = evaluate(CleanPolicy.keepEverything(), records);

        assertFalse(verdict(v, "r", "ancient").delete());
        assertEquals("no age rule", verdict(v, "r", "ancient").reason());
    }

    @Test
    void theVerdictIsAddedAsColumnsToACopyOfTheInventoryTableRowForRow() {
        List<ManifestRecord> records = List.of(
                image("r", "old").ageDays(100).tags("a", "b").build(),
                image("r", "young").ageDays(10).build(),
                image("r", "locked").ageDays(100).locked().build());
        Table inventory = InventoryTable.of("inventory", records, Images.NOW);

        Table evaluated = new PolicyEvaluator(olderThan(30, 0, false), Images.NOW).evaluate(inventory);

        assertEquals(13, inventory.columnCount(), "the inventory itself is left as it was");
        assertEquals(inventory.columnNames(), evaluated.columnNames().subList(0, 13));
        assertEquals(List.of(PolicyEvaluator.KEEP, PolicyEvaluator.REASON, PolicyEvaluator.PROTECTED),
                evaluated.columnNames().subList(13, 16));
        assertEquals(inventory.stringColumn(InventoryTable.DIGEST).asList(),
                evaluated.stringColumn(InventoryTable.DIGEST).asList());
        assertEquals(List.of(false, true, true), evaluated.booleanColumn(PolicyEvaluator.KEEP).asList());
        assertEquals(List.of(false, false, true), evaluated.booleanColumn(PolicyEvaluator.PROTECTED).asList());
        assertEquals(List.of("a", "b"), InventoryTable.tags(evaluated.stringColumn(InventoryTable.TAGS).get(0)));
    }

    @Test
    void aTagTheTableCannotHoldApartIsAProblemAndTheRowIsKept() {
        List<ManifestRecord> records = List.of(image("r", "odd").ageDays(100).tags("v1 v2").build());

        Table v = evaluate(olderThan(30, 0, false, "v1 v2"), records);

        assertFalse(verdict(v, "r", "odd").delete());
        assertTrue(verdict(v, "r", "odd").protectedRow());
        assertTrue(verdict(v, "r", "odd").reason().contains("tag 'v1 v2' is not a valid tag"), verdict(v, "r", "odd").reason());
    }
}
