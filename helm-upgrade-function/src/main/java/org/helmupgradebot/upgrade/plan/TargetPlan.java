package org.helmupgradebot.upgrade.plan;

import java.util.List;
import java.util.Map;

/**
 * The plan for one target: a row per pin, the edited files for the bumps, and the errors that stopped it.
 * A target with errors writes nothing.
 *
 * @param target target name
 * @param where the folder or GitHub repository, for messages
 * @param rows one row per pin found
 * @param edits file path to its new text with every bump applied (what a local target writes; verified)
 * @param groups the pull requests to publish, each with its own edits; the target's own group first
 * @param errors one line each; non-empty means the target failed
 */
public record TargetPlan(String target, String where, List<PlanRow> rows, Map<String, String> edits,
        List<PublishGroup> groups, List<String> errors) {
    public TargetPlan {
        rows = List.copyOf(rows);
        edits = Map.copyOf(edits);
        groups = List.copyOf(groups);
        errors = List.copyOf(errors);
    }

    public static TargetPlan failed(String target, String where, List<PlanRow> rows, String error) {
        return new TargetPlan(target, where, rows, Map.of(), List.of(), List.of(error));
    }

    /** This plan with one more error (so, failed). */
    public TargetPlan withError(String error) {
        List<String> all = new java.util.ArrayList<>(errors);
        all.add(error);
        return new TargetPlan(target, where, rows, edits, groups, all);
    }

    public boolean failed() {
        return !errors.isEmpty();
    }

    public List<PlanRow> bumps() {
        return rows.stream().filter(PlanRow::isBump).toList();
    }
}
