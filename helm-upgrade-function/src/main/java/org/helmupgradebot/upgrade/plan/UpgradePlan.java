package org.helmupgradebot.upgrade.plan;

import java.time.Instant;
import java.util.List;

/**
 * The plan of a whole run: one {@link TargetPlan} per configured target, in config order.
 *
 * @param at when it was planned: "now" for the ages in the report
 */
public record UpgradePlan(List<TargetPlan> targets, Instant at) {
    public UpgradePlan {
        targets = List.copyOf(targets);
    }

    public boolean anyFailed() {
        return targets.stream().anyMatch(TargetPlan::failed);
    }
}
