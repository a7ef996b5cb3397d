package org.helmupgradebot.clean.inventory;

import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Everything a registry holds, as read in one run: the Tablesaw table (one row per manifest), the
 * records behind it (with their blobs, for byte accounting) and notes about what could not be read.
 */
public record Inventory(String registry, Table table, List<ManifestRecord> records, List<String> notes) {
    public Inventory {
        records = List.copyOf(records);
        notes = List.copyOf(notes);
    }
}
