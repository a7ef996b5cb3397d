package org.helmupgradebot.clean.plan;

import java.util.List;

/**
 * One row of the plan's table as a value: deleted or kept, and why.
 *
 * @param ageDays whole days since last update (else created); -1 when unknown
 * @param protectedRow kept by a rule nothing may override (lock, keep rule, dependency, unknown date)
 * @param freedBytes unique bytes this deletion frees, in the plan's order of deletions (0 when kept)
 */
public record PlanRow(
        String repository,
        String digest,
        List<String> tags,
        long sizeBytes,
        long ageDays,
        boolean delete,
        String reason,
        boolean protectedRow,
        long freedBytes) {
    public PlanRow {
        tags = List.copyOf(tags);
    }
}
