package org.helmupgradebot.clean.plan;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.helmupgradebot.clean.policy.ManifestKey;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What one run will do, as a value: every manifest with delete/keep and its reason, the byte totals
 * and notes (e.g. the cap cannot be reached). The dry run prints it; the real run executes exactly it.
 */
public record Plan(String registry, List<PlanRow> rows, PlanTotals totals, List<String> notes) {
    public Plan {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    public List<PlanRow> deletions() {
        return rows.stream().filter(PlanRow::delete).toList();
    }

    public List<PlanRow> kept() {
        return rows.stream().filter(r -> !r.delete()).toList();
    }

    public Set<ManifestKey> deletionKeys() {
        return deletions().stream().map(r -> new ManifestKey(r.repository(), r.digest())).collect(Collectors.toSet());
    }

    /** The plan as a Tablesaw table (one row per manifest), which the report sorts and renders. */
    public Table table() {
        StringColumn repository = StringColumn.create("repository");
        StringColumn digest = StringColumn.create("digest");
        StringColumn tags = StringColumn.create("tags");
        LongColumn size = LongColumn.create("sizeBytes");
        LongColumn age = LongColumn.create("ageDays");
        BooleanColumn delete = BooleanColumn.create("delete");
        StringColumn reason = StringColumn.create("reason");
        for (PlanRow r : rows) {
            repository.append(r.repository());
            digest.append(r.digest());
            tags.append(String.join(",", r.tags()));
            size.append(r.sizeBytes());
            age.append(r.ageDays());
            delete.append(r.delete());
            reason.append(r.reason());
        }
        return Table.create("plan", repository, digest, tags, size, age, delete, reason);
    }
}
