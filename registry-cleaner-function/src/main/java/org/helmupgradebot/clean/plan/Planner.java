package org.helmupgradebot.clean.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helmupgradebot.clean.inventory.ByteSizes;
import org.helmupgradebot.clean.inventory.InventoryTable;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.policy.CleanPolicy;
import org.helmupgradebot.clean.policy.ManifestKey;
import org.helmupgradebot.clean.policy.PolicyEvaluator;
import org.helmupgradebot.clean.policy.Verdict;
import org.helmupgradebot.clean.report.Sizes;

/**
 * Builds the plan: the policy's age pass, then (with a size cap) aggressive mode, which deletes the
 * deletable image that frees the most bytes, re-estimating after each, until the estimate is under the
 * cap or nothing deletable frees anything. Each step removes one candidate, so it always terminates;
 * protected rows are never candidates.
 */
public final class Planner {
    private final CleanPolicy policy;
    private final Instant now;

    public Planner(CleanPolicy policy, Instant now) {
        this.policy = policy;
        this.now = now;
    }

    public Plan plan(String registry, List<ManifestRecord> records) {
        Map<ManifestKey, Verdict> verdicts = new LinkedHashMap<>(new PolicyEvaluator(policy, now).evaluate(records));
        BlobLedger ledger = new BlobLedger(records);
        verdicts.forEach((key, v) -> {
            if (v.delete()) {
                ledger.delete(key);
            }
        });
        List<String> notes = new ArrayList<>();
        if (policy.sizeCapBytes().isPresent()) {
            aggressive(policy.sizeCapBytes().getAsLong(), verdicts, ledger, notes);
        }
        if (ledger.estimate()) {
            notes.add("some manifests have no blob list: their reported sizes stand in, so byte figures are estimates");
        }
        List<PlanRow> rows = new ArrayList<>();
        long naive = 0;
        for (ManifestRecord r : records) {
            Verdict v = verdicts.get(ManifestKey.of(r));
            naive = r.sizeKnown() ? ByteSizes.add(naive, r.sizeBytes()) : naive;
            rows.add(new PlanRow(r.repository(), r.digest(), r.tags(), r.sizeBytes(), InventoryTable.ageDays(r, now),
                    v.delete(), v.reason(), v.protectedRow()));
        }
        PlanTotals totals = new PlanTotals(records.size(), naive, ledger.uniqueTotal(), ledger.freedBytes(),
                ledger.remainingBytes(), policy.sizeCapBytes(), ledger.estimate());
        return new Plan(registry, rows, totals, notes);
    }

    private static void aggressive(long cap, Map<ManifestKey, Verdict> verdicts, BlobLedger ledger, List<String> notes) {
        List<ManifestKey> protectedKeys = verdicts.entrySet().stream()
                .filter(e -> e.getValue().protectedRow()).map(Map.Entry::getKey).toList();
        long protectedBytes = ledger.uniqueBytesOf(protectedKeys);
        if (protectedBytes > cap) {
            notes.add("protected images alone use " + Sizes.human(protectedBytes) + ", over the cap of "
                    + Sizes.human(cap) + ": the cap cannot be reached");
        }
        Set<ManifestKey> candidates = new LinkedHashSet<>();
        verdicts.forEach((key, v) -> {
            if (!v.delete() && !v.protectedRow()) {
                candidates.add(key);
            }
        });
        while (ledger.remainingBytes() > cap) {
            ManifestKey best = null;
            long bestGain = 0;
            for (ManifestKey key : candidates) {
                long gain = ledger.gain(key);
                if (gain > bestGain) {
                    best = key;
                    bestGain = gain;
                }
            }
            if (best == null) {
                // No single deletion frees anything: look for layers shared only among candidates.
                Map<String, Integer> candidateUsers = ledger.usersAmong(candidates);
                long bestPotential = 0;
                for (ManifestKey key : candidates) {
                    long potential = ledger.potential(key, candidateUsers);
                    if (potential > bestPotential) {
                        best = key;
                        bestPotential = potential;
                    }
                }
            }
            if (best == null) {
                notes.add("size cap " + Sizes.human(cap) + " not reached: " + Sizes.human(ledger.remainingBytes())
                        + " remain, and no deletable image frees more");
                return;
            }
            candidates.remove(best);
            long freed = ledger.delete(best);
            verdicts.put(best, Verdict.delete("size cap " + Sizes.human(cap) + ": largest first (frees "
                    + Sizes.human(freed) + ", " + Sizes.human(ledger.remainingBytes()) + " left)"));
        }
    }
}
