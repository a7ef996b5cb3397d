package org.helmupgradebot.clean.plan;

import java.util.List;

/**
 * One manifest in the plan: deleted or kept, and why.
 *
 * @param ageDays whole days since last update (else created); -1 when unknown
 * @param protectedRow kept by a rule nothing may override (lock, keep rule, dependency, unknown date)
 */
public record PlanRow(
        String repository,
        String digest,
        List<String> tags,
        long sizeBytes,
        long ageDays,
        boolean delete,
        String reason,
        boolean protectedRow) {
    public PlanRow {
        tags = List.copyOf(tags);
    }
}
