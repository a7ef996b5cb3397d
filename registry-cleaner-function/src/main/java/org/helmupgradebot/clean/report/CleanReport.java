package org.helmupgradebot.clean.report;

import java.util.List;
import java.util.Optional;
import org.helmupgradebot.clean.execute.ExecutionResult;
import org.helmupgradebot.clean.plan.Plan;

/**
 * What a clean run reports: the plan, the result when it was executed, and notes (inventory problems,
 * refusals).
 *
 * @param dryRun true when nothing was to be deleted
 */
public record CleanReport(Plan plan, boolean dryRun, Optional<ExecutionResult> result, List<String> notes) {
    public CleanReport {
        notes = List.copyOf(notes);
    }
}
