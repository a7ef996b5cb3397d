package org.helmupgradebot.clean.report;

import java.util.List;
import java.util.Optional;
import org.helmupgradebot.clean.execute.ExecutionResult;
import org.helmupgradebot.clean.plan.Plan;

/**
 * What a clean run reports: the plan, what was done with it, the result when it was executed, and notes
 * (inventory problems, refusals).
 *
 * @param freedAfterGarbageCollection true for a plain OCI registry, which frees disk space only when its
 *     garbage collection runs, so "bytes freed" is what that collection will free
 */
public record CleanReport(Plan plan, Mode mode, Optional<ExecutionResult> result, List<String> notes,
        boolean freedAfterGarbageCollection) {
    /** What the run did with its plan. */
    public enum Mode {
        DRY_RUN("dry run (nothing deleted)"),
        DELETE("delete"),
        REFUSED("refused by --max-deletions (nothing deleted)");

        private final String words;

        Mode(String words) {
            this.words = words;
        }

        /** For the report, e.g. {@code dry run (nothing deleted)}. */
        public String words() {
            return words;
        }
    }

    public CleanReport {
        notes = List.copyOf(notes);
    }
}
