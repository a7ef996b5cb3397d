package org.helmupgradebot.upgrade.plan;

import java.util.List;

/** The plan of a whole run: one {@link TargetPlan} per configured target, in config order. */
public record UpgradePlan(List<TargetPlan> targets) {
    public UpgradePlan {
        targets = List.copyOf(targets);
    }

    public boolean anyFailed() {
        return targets.stream().anyMatch(TargetPlan::failed);
    }
}
