package org.helmupgradebot.clean.report;

import static org.helmupgradebot.clean.inventory.InventoryTable.AGE_DAYS;
import static org.helmupgradebot.clean.inventory.InventoryTable.DIGEST;
import static org.helmupgradebot.clean.inventory.InventoryTable.REPOSITORY;
import static org.helmupgradebot.clean.inventory.InventoryTable.SIZE_BYTES;
import static org.helmupgradebot.clean.plan.Plan.FREED_BYTES;
import static org.helmupgradebot.clean.policy.PolicyEvaluator.KEEP;
import static org.helmupgradebot.clean.policy.PolicyEvaluator.REASON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.helmupgradebot.clean.execute.ExecutionResult;
import org.helmupgradebot.clean.inventory.ByteSizes;
import org.helmupgradebot.clean.inventory.InventoryTable;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.plan.PlanTotals;
import org.helmupgradebot.shared.report.TextTable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.table.TableSlice;

/**
 * Renders a clean report from the plan's table: mode and totals, a summary per repository, then what is
 * deleted (largest or oldest first) and, in JSON, CSV and Markdown, what is kept and why.
 */
public final class ReportRenderer {
    /** Which deletions come first. */
    public enum Order { LARGEST, OLDEST }

    /** Columns of the per-repository summary. */
    public static final String IMAGES = "images";
    public static final String TO_DELETE = "toDelete";

    static final String GC_NOTE = "a plain registry frees disk space only when its garbage collection runs "
            + "(e.g. registry garbage-collect): bytes freed is what that collection will free";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Order order;

    public ReportRenderer(Order order) {
        this.order = order;
    }

    public ReportRenderer() {
        this(Order.LARGEST);
    }

    public String render(CleanReport report, OutputFormat format) {
        return switch (format) {
            case TABLE -> text(report);
            case JSON -> json(report);
            case CSV -> csv(report);
            case MARKDOWN -> markdown(report, Optional.empty());
        };
    }

    /** The rows to delete, sorted as asked, from the plan's table. */
    Table deletions(CleanReport report) {
        Table table = report.plan().table();
        Table delete = table.where(table.booleanColumn(KEEP).isFalse());
        return order == Order.LARGEST
                ? delete.sortOn("-" + SIZE_BYTES, "-" + AGE_DAYS, REPOSITORY, DIGEST)
                : delete.sortOn("-" + AGE_DAYS, "-" + SIZE_BYTES, REPOSITORY, DIGEST);
    }

    private static Table kept(CleanReport report) {
        Table table = report.plan().table();
        return table.where(table.booleanColumn(KEEP).isTrue()).sortOn(REPOSITORY, DIGEST);
    }

    /** One row per repository: images, bytes (sum of image sizes), how many are deleted and the bytes that frees. */
    public static Table repositorySummary(Table plan) {
        StringColumn repository = StringColumn.create(REPOSITORY);
        IntColumn images = IntColumn.create(IMAGES);
        LongColumn bytes = LongColumn.create(SIZE_BYTES);
        IntColumn toDelete = IntColumn.create(TO_DELETE);
        LongColumn freed = LongColumn.create(FREED_BYTES);
        for (TableSlice slice : plan.splitOn(REPOSITORY)) {
            long size = 0;
            long free = 0;
            int delete = 0;
            String name = null;
            for (Row row : slice) {
                name = row.getString(REPOSITORY);
                size = ByteSizes.addKnown(size, row.getLong(SIZE_BYTES));
                free = ByteSizes.add(free, row.getLong(FREED_BYTES));
                delete += row.getBoolean(KEEP) ? 0 : 1;
            }
            repository.append(name);
            images.append(slice.rowCount());
            bytes.append(size);
            toDelete.append(delete);
            freed.append(free);
        }
        return Table.create("repositories", repository, images, bytes, toDelete, freed).sortOn(REPOSITORY);
    }

    private List<String[]> totalLines(CleanReport report) {
        PlanTotals t = report.plan().totals();
        String est = t.estimate() ? " (estimate)" : "";
        String gc = report.freedAfterGarbageCollection() ? " (after the registry's garbage collection)" : "";
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"registry", report.plan().registry()});
        lines.add(new String[] {"mode", report.mode().words()});
        lines.add(new String[] {"images", String.valueOf(t.images())});
        lines.add(new String[] {"to delete", String.valueOf(report.plan().deletions().size())});
        lines.add(new String[] {"bytes (sum of image sizes)", Sizes.human(t.bytesNaive())});
        lines.add(new String[] {"bytes (unique blobs)", Sizes.human(t.bytesUnique()) + est});
        lines.add(new String[] {"bytes freed", Sizes.human(t.bytesFreed()) + est + gc});
        lines.add(new String[] {"bytes after", Sizes.human(t.bytesAfter()) + est});
        lines.add(new String[] {"cap", t.cap().isPresent() ? Sizes.human(t.cap().getAsLong()) : "none"});
        report.result().ifPresent(r -> {
            lines.add(new String[] {"deleted", String.valueOf(r.deleted())});
            lines.add(new String[] {"already gone", String.valueOf(r.alreadyGone())});
            lines.add(new String[] {"failed", String.valueOf(r.failed())});
            lines.add(new String[] {"left for next run", String.valueOf(r.notStarted())});
            lines.add(new String[] {"bytes freed (done)", Sizes.human(r.bytesFreed()) + gc});
        });
        return lines;
    }

    private static List<String> allNotes(CleanReport report) {
        List<String> notes = new ArrayList<>(report.notes());
        notes.addAll(report.plan().notes());
        if (report.freedAfterGarbageCollection()) {
            notes.add(GC_NOTE);
        }
        report.result().ifPresent(r -> {
            r.stopReason().ifPresent(notes::add);
            notes.addAll(r.failures());
        });
        return notes;
    }

    private static String age(Row row) {
        return row.getLong(AGE_DAYS) < 0 ? "?" : String.valueOf(row.getLong(AGE_DAYS));
    }

    /** A size for people; {@code ?} when the registry's figure was out of range. */
    private static String size(long bytes) {
        return bytes == ManifestRecord.SIZE_UNKNOWN ? "?" : Sizes.human(bytes);
    }

    private static String tags(Row row) {
        return String.join(",", InventoryTable.tags(row.getString(InventoryTable.TAGS)));
    }

    /** Deleted or kept rows as a table; in Markdown the digest is shown as code. */
    private static TextTable rowTable(Table rows, boolean markdown) {
        TextTable table = new TextTable(REPOSITORY, InventoryTable.TAGS, DIGEST, AGE_DAYS, "size", REASON).alignRight(3, 4);
        for (Row row : rows) {
            String digest = row.getString(DIGEST);
            table.row(row.getString(REPOSITORY), tags(row), markdown ? "`" + digest + "`" : digest, age(row),
                    size(row.getLong(SIZE_BYTES)), row.getString(REASON));
        }
        return table;
    }

    private static TextTable summaryTable(CleanReport report) {
        TextTable table = new TextTable(REPOSITORY, IMAGES, "image sizes", "to delete", "freed").alignRight(1, 2, 3, 4);
        for (Row row : repositorySummary(report.plan().table())) {
            table.row(row.getString(REPOSITORY), String.valueOf(row.getInt(IMAGES)), Sizes.human(row.getLong(SIZE_BYTES)),
                    String.valueOf(row.getInt(TO_DELETE)), Sizes.human(row.getLong(FREED_BYTES)));
        }
        return table;
    }

    private String text(CleanReport report) {
        StringBuilder out = new StringBuilder();
        for (String[] line : totalLines(report)) {
            out.append(String.format("%-28s %s%n", line[0] + ":", line[1]));
        }
        for (String note : allNotes(report)) {
            out.append("note: ").append(note).append('\n');
        }
        out.append('\n').append(summaryTable(report).toText());
        TextTable deletions = rowTable(deletions(report), false);
        out.append('\n').append(deletions.toText());
        if (deletions.size() == 0) {
            out.append("(nothing to delete)\n");
        }
        return out.toString();
    }

    /**
     * The report as Markdown; with a chart file name, the chart of bytes by age is shown from that file
     * (a path relative to the Markdown file).
     */
    public String markdown(CleanReport report, Optional<String> chartFile) {
        StringBuilder out = new StringBuilder("## Registry clean: ").append(report.plan().registry()).append("\n\n");
        out.append("| | |\n|---|---|\n");
        for (String[] line : totalLines(report)) {
            out.append("| ").append(line[0]).append(" | ").append(md(line[1])).append(" |\n");
        }
        for (String note : allNotes(report)) {
            out.append("\n> ").append(md(note));
        }
        chartFile.ifPresent(f -> out.append("\n\n![").append(AgeChart.TITLE).append("](").append(f).append(")"));
        out.append("\n\n### By repository\n\n").append(summaryTable(report).toMarkdown());
        TextTable deletions = rowTable(deletions(report), true);
        out.append("\n### To delete (").append(deletions.size()).append(")\n\n");
        out.append(deletions.size() == 0 ? "(nothing to delete)\n" : deletions.toMarkdown());
        TextTable kept = rowTable(kept(report), true);
        out.append("\n### Kept (").append(kept.size()).append(")\n\n");
        out.append(kept.size() == 0 ? "(nothing kept)\n" : kept.toMarkdown());
        return out.toString();
    }

    private static String md(String s) {
        return s.replace("|", "\\|");
    }

    /** Totals and the per-repository summary as {@code #} comment lines, then one row per manifest. */
    private String csv(CleanReport report) {
        StringBuilder out = new StringBuilder();
        for (String[] line : totalLines(report)) {
            out.append("# ").append(line[0]).append(": ").append(line[1]).append('\n');
        }
        for (String note : allNotes(report)) {
            out.append("# note: ").append(note.replace('\n', ' ')).append('\n');
        }
        out.append("# ").append(String.join(",", REPOSITORY, IMAGES, SIZE_BYTES, TO_DELETE, FREED_BYTES)).append('\n');
        for (Row row : repositorySummary(report.plan().table())) {
            out.append("# ").append(csvCell(row.getString(REPOSITORY))).append(',').append(row.getInt(IMAGES)).append(',')
                    .append(row.getLong(SIZE_BYTES)).append(',').append(row.getInt(TO_DELETE)).append(',')
                    .append(row.getLong(FREED_BYTES)).append('\n');
        }
        out.append(String.join(",", REPOSITORY, InventoryTable.TAGS, DIGEST, AGE_DAYS, SIZE_BYTES, "action", FREED_BYTES,
                REASON)).append('\n');
        csvRows(out, deletions(report), "delete");
        csvRows(out, kept(report), "keep");
        return out.toString();
    }

    private static void csvRows(StringBuilder out, Table rows, String action) {
        for (Row row : rows) {
            out.append(csvCell(row.getString(REPOSITORY))).append(',')
                    .append(csvCell(tags(row))).append(',')
                    .append(csvCell(row.getString(DIGEST))).append(',')
                    .append(row.getLong(AGE_DAYS)).append(',')
                    .append(row.getLong(SIZE_BYTES)).append(',')
                    .append(action).append(',')
                    .append(row.getLong(FREED_BYTES)).append(',')
                    .append(csvCell(row.getString(REASON))).append('\n');
        }
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private String json(CleanReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("registry", report.plan().registry());
        root.put("mode", report.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        root.put("dryRun", report.mode() == CleanReport.Mode.DRY_RUN);
        PlanTotals t = report.plan().totals();
        ObjectNode totals = root.putObject("totals");
        totals.put("images", t.images());
        totals.put("toDelete", report.plan().deletions().size());
        totals.put("bytesNaive", t.bytesNaive());
        totals.put("bytesUnique", t.bytesUnique());
        totals.put("bytesFreed", t.bytesFreed());
        totals.put("bytesAfter", t.bytesAfter());
        if (t.cap().isPresent()) {
            totals.put("cap", t.cap().getAsLong());
        } else {
            totals.putNull("cap");
        }
        totals.put("estimate", t.estimate());
        totals.put("freedAfterGarbageCollection", report.freedAfterGarbageCollection());
        ArrayNode repositories = root.putArray("repositories");
        for (Row row : repositorySummary(report.plan().table())) {
            ObjectNode r = repositories.addObject();
            r.put(REPOSITORY, row.getString(REPOSITORY));
            r.put(IMAGES, row.getInt(IMAGES));
            r.put(SIZE_BYTES, row.getLong(SIZE_BYTES));
            r.put(TO_DELETE, row.getInt(TO_DELETE));
            r.put(FREED_BYTES, row.getLong(FREED_BYTES));
        }
        jsonRows(root.putArray("delete"), deletions(report));
        jsonRows(root.putArray("keep"), kept(report));
        report.result().ifPresent(r -> result(root.putObject("result"), r));
        ArrayNode notes = root.putArray("notes");
        allNotes(report).forEach(notes::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void jsonRows(ArrayNode array, Table rows) {
        for (Row row : rows) {
            ObjectNode d = array.addObject();
            d.put(REPOSITORY, row.getString(REPOSITORY));
            d.put(DIGEST, row.getString(DIGEST));
            ArrayNode tags = d.putArray(InventoryTable.TAGS);
            InventoryTable.tags(row.getString(InventoryTable.TAGS)).forEach(tags::add);
            d.put(SIZE_BYTES, row.getLong(SIZE_BYTES));
            d.put(AGE_DAYS, row.getLong(AGE_DAYS));
            d.put(FREED_BYTES, row.getLong(FREED_BYTES));
            d.put(REASON, row.getString(REASON));
        }
    }

    private static void result(ObjectNode node, ExecutionResult r) {
        node.put("deleted", r.deleted());
        node.put("alreadyGone", r.alreadyGone());
        node.put("failed", r.failed());
        node.put("notStarted", r.notStarted());
        node.put("bytesFreed", r.bytesFreed());
        if (r.stopReason().isPresent()) {
            node.put("stopReason", r.stopReason().get());
        }
    }
}
