package org.helmupgradebot.clean.plan;

import static org.helmupgradebot.clean.inventory.InventoryTable.AGE_DAYS;
import static org.helmupgradebot.clean.inventory.InventoryTable.DIGEST;
import static org.helmupgradebot.clean.inventory.InventoryTable.REPOSITORY;
import static org.helmupgradebot.clean.inventory.InventoryTable.SIZE_BYTES;
import static org.helmupgradebot.clean.policy.PolicyEvaluator.KEEP;
import static org.helmupgradebot.clean.policy.PolicyEvaluator.PROTECTED;
import static org.helmupgradebot.clean.policy.PolicyEvaluator.REASON;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helmupgradebot.clean.inventory.ByteSizes;
import org.helmupgradebot.clean.inventory.Inventory;
import org.helmupgradebot.clean.inventory.InventoryTable;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.policy.CleanPolicy;
import org.helmupgradebot.clean.policy.ManifestKey;
import org.helmupgradebot.clean.policy.PolicyEvaluator;
import org.helmupgradebot.clean.report.Sizes;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Builds the plan from the inventory table: the policy's verdict columns, then (with a size cap)
 * aggressive mode, which deletes the deletable image that frees the most bytes, re-estimating after each,
 * until the estimate is under the cap or nothing deletable frees anything. Each step removes one
 * candidate, so it always terminates; protected rows are never candidates. Every row gets the bytes its
 * deletion frees ({@link Plan#FREED_BYTES}); the plan is the table sorted oldest first, then largest.
 */
public final class Planner {
    private final CleanPolicy policy;
    private final Instant now;

    public Planner(CleanPolicy policy, Instant now) {
        this.policy = policy;
        this.now = now;
    }

    public Plan plan(Inventory inventory) {
        return plan(inventory.registry(), inventory.table(), inventory.records());
    }

    /** The plan for these records (their inventory table is built here). */
    public Plan plan(String registry, List<ManifestRecord> records) {
        return plan(registry, InventoryTable.of("inventory", records, now), records);
    }

    private Plan plan(String registry, Table inventory, List<ManifestRecord> records) {
        Table table = new PolicyEvaluator(policy, now).evaluate(inventory);
        LongColumn freed = LongColumn.create(Plan.FREED_BYTES, new long[table.rowCount()]);
        table.addColumns(freed);
        BlobLedger ledger = new BlobLedger(records);
        BooleanColumn keep = table.booleanColumn(KEEP);
        ManifestKey[] keys = new ManifestKey[table.rowCount()];
        for (int i = 0; i < table.rowCount(); i++) {
            keys[i] = PolicyEvaluator.key(table, i);
            if (!keep.get(i)) {
                freed.set(i, ledger.delete(keys[i]));
            }
        }
        List<String> notes = new ArrayList<>();
        if (policy.maxAgeDays().isEmpty() && policy.sizeCapBytes().isEmpty()) {
            notes.add("nothing can be deleted: no rule is set (give --max-age-days or --size-cap; in the Function "
                    + "CLEAN_MAX_AGE_DAYS or CLEAN_SIZE_CAP)");
        }
        if (policy.sizeCapBytes().isPresent()) {
            aggressive(policy.sizeCapBytes().getAsLong(), table, keys, ledger, notes);
        }
        if (ledger.estimate()) {
            notes.add("some manifests have no blob list: their reported sizes stand in, so byte figures are estimates");
        }
        long naive = 0;
        for (long size : table.longColumn(SIZE_BYTES).asLongArray()) {
            naive = ByteSizes.addKnown(naive, size);
        }
        PlanTotals totals = new PlanTotals(table.rowCount(), naive, ledger.uniqueTotal(), ledger.freedBytes(),
                ledger.remainingBytes(), policy.sizeCapBytes(), ledger.estimate());
        Table sorted = table.sortOn("-" + AGE_DAYS, "-" + SIZE_BYTES, REPOSITORY, DIGEST);
        sorted.setName("plan");
        return new Plan(registry, sorted, totals, notes);
    }

    /** Candidates are the rows kept by age alone, tried in inventory order (which breaks ties). */
    private static void aggressive(long cap, Table table, ManifestKey[] keys, BlobLedger ledger, List<String> notes) {
        BooleanColumn keep = table.booleanColumn(KEEP);
        BooleanColumn protectedRow = table.booleanColumn(PROTECTED);
        StringColumn reason = table.stringColumn(REASON);
        LongColumn freed = table.longColumn(Plan.FREED_BYTES);
        List<ManifestKey> protectedKeys = new ArrayList<>();
        Set<Integer> candidates = new LinkedHashSet<>();
        for (int i = 0; i < table.rowCount(); i++) {
            if (protectedRow.get(i)) {
                protectedKeys.add(keys[i]);
            } else if (keep.get(i)) {
                candidates.add(i);
            }
        }
        long protectedBytes = ledger.uniqueBytesOf(protectedKeys);
        if (protectedBytes > cap) {
            notes.add("protected images alone use " + Sizes.human(protectedBytes) + ", over the cap of "
                    + Sizes.human(cap) + ": the cap cannot be reached");
        }
        while (ledger.remainingBytes() > cap) {
            Integer best = null;
            long bestGain = 0;
            for (int row : candidates) {
                long gain = ledger.gain(keys[row]);
                if (gain > bestGain) {
                    best = row;
                    bestGain = gain;
                }
            }
            if (best == null) {
                // No single deletion frees anything: look for layers shared only among candidates.
                Map<String, Integer> candidateUsers = ledger.usersAmong(
                        candidates.stream().map(row -> keys[row]).toList());
                long bestPotential = 0;
                for (int row : candidates) {
                    long potential = ledger.potential(keys[row], candidateUsers);
                    if (potential > bestPotential) {
                        best = row;
                        bestPotential = potential;
                    }
                }
            }
            if (best == null) {
                notes.add("size cap " + Sizes.human(cap) + " not reached: " + Sizes.human(ledger.remainingBytes())
                        + " remain, and no deletable image frees more");
                return;
            }
            int chosen = best;
            candidates.remove(chosen);
            long bytes = ledger.delete(keys[chosen]);
            keep.set(chosen, false);
            freed.set(chosen, bytes);
            reason.set(chosen, "size cap " + Sizes.human(cap) + ": largest first (frees " + Sizes.human(bytes) + ", "
                    + Sizes.human(ledger.remainingBytes()) + " left)");
        }
    }
}
