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
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What one run will do, as a value: the plan table (the inventory's rows with the verdict columns and
 * {@link #FREED_BYTES}, oldest first, then largest), the byte totals and notes (e.g. the cap cannot be
 * reached). The dry run prints it; the real run executes exactly it.
 */
public final class Plan {
    /** Unique bytes a row's deletion frees, given the deletions before it in the plan; 0 for a kept row. */
    public static final String FREED_BYTES = "freedBytes";

    private final String registry;
    private final Table table;
    private final PlanTotals totals;
    private final List<String> notes;
    private final List<PlanRow> rows;

    public Plan(String registry, Table table, PlanTotals totals, List<String> notes) {
        this.registry = registry;
        this.table = table;
        this.totals = totals;
        this.notes = List.copyOf(notes);
        this.rows = rowsOf(table);
    }

    public String registry() {
        return registry;
    }

    /** The plan table; read it, do not change it (the row values were taken from it when the plan was made). */
    public Table table() {
        return table;
    }

    public PlanTotals totals() {
        return totals;
    }

    public List<String> notes() {
        return notes;
    }

    /** Every row as a value, in the table's order. */
    public List<PlanRow> rows() {
        return rows;
    }

    private static List<PlanRow> rowsOf(Table table) {
        StringColumn repository = table.stringColumn(REPOSITORY);
        StringColumn digest = table.stringColumn(DIGEST);
        StringColumn tags = table.stringColumn(InventoryTable.TAGS);
        LongColumn size = table.longColumn(SIZE_BYTES);
        LongColumn age = table.longColumn(AGE_DAYS);
        BooleanColumn keep = table.booleanColumn(KEEP);
        StringColumn reason = table.stringColumn(REASON);
        BooleanColumn protectedRow = table.booleanColumn(PROTECTED);
        LongColumn freed = table.longColumn(FREED_BYTES);
        List<PlanRow> rows = new ArrayList<>(table.rowCount());
        for (int i = 0; i < table.rowCount(); i++) {
            rows.add(new PlanRow(repository.get(i), digest.get(i), InventoryTable.tags(tags.get(i)), size.get(i),
                    age.get(i), !keep.get(i), reason.get(i), protectedRow.get(i), freed.get(i)));
        }
        return List.copyOf(rows);
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

    /** Plans are equal when they say the same thing (Tablesaw tables compare by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Plan p && registry.equals(p.registry) && rows.equals(p.rows)
                && totals.equals(p.totals) && notes.equals(p.notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, rows, totals, notes);
    }

    @Override
    public String toString() {
        return "Plan[" + registry + ", " + rows.size() + " rows, " + totals + ", " + notes + "]";
    }
}
