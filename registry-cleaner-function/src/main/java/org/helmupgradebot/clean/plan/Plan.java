package org.helmupgradebot.clean.plan;

import static org.helmupgradebot.clean.inventory.InventoryTable.AGE_DAYS;
import static org.helmupgradebot.clean.inventory.InventoryTable.DIGEST;
import static org.helmupgradebot.clean.inventory.InventoryTable.REPOSITORY;
import static org.helmupgradebot.clean.inventory.InventoryTable.SIZE_BYTES;
import static org.helmupgradebot.clean.policy.PolicyEvaluator.KEEP;
import static org.helmupgradebot.clean.policy.PolicyEvaluator.PROTECTED;
import static org.helmupgradebot.clean.policy.PolicyEvaluator.REASON;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.helmupgradebot.clean.inventory.InventoryTable;
import org.helmupgradebot.clean.policy.ManifestKey;
import tech.tablesaw.api.Table;

/**
 * What one run will do, as a value: the plan table (the inventory's rows with the verdict columns and
 * {@link #FREED_BYTES}, oldest first, then largest), the byte totals and notes (e.g. the cap cannot be
 * reached). The dry run prints it; the real run executes exactly it.
 */
public record Plan(String registry, Table table, PlanTotals totals, List<String> notes) {
    /** Unique bytes a row's deletion frees, given the deletions before it in the plan; 0 for a kept row. */
    public static final String FREED_BYTES = "freedBytes";

    public Plan {
        notes = List.copyOf(notes);
    }

    /** Every row as a value, in the table's order. */
    public List<PlanRow> rows() {
        List<PlanRow> rows = new ArrayList<>(table.rowCount());
        for (int i = 0; i < table.rowCount(); i++) {
            rows.add(new PlanRow(table.stringColumn(REPOSITORY).get(i), table.stringColumn(DIGEST).get(i),
                    InventoryTable.tags(table, i), table.longColumn(SIZE_BYTES).get(i), table.longColumn(AGE_DAYS).get(i),
                    !table.booleanColumn(KEEP).get(i), table.stringColumn(REASON).get(i),
                    table.booleanColumn(PROTECTED).get(i), table.longColumn(FREED_BYTES).get(i)));
        }
        return rows;
    }

    public List<PlanRow> deletions() {
        return rows().stream().filter(PlanRow::delete).toList();
    }

    public List<PlanRow> kept() {
        return rows().stream().filter(r -> !r.delete()).toList();
    }

    public Set<ManifestKey> deletionKeys() {
        return deletions().stream().map(r -> new ManifestKey(r.repository(), r.digest())).collect(Collectors.toSet());
    }

    /** Plans are equal when they say the same thing (Tablesaw tables compare by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Plan p && registry.equals(p.registry) && rows().equals(p.rows())
                && totals.equals(p.totals) && notes.equals(p.notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, rows(), totals, notes);
    }
}
