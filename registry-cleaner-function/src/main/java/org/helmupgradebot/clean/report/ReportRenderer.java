package org.helmupgradebot.clean.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helmupgradebot.clean.execute.ExecutionResult;
import org.helmupgradebot.clean.plan.PlanTotals;
import org.helmupgradebot.shared.report.TextTable;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Renders a clean report from the plan's table: totals, then what is deleted (largest or oldest
 * first) and, in JSON, what is kept and why, and the result of a real run.
 */
public final class ReportRenderer {
    /** Which deletions come first. */
    public enum Order { LARGEST, OLDEST }

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
            case MARKDOWN -> markdown(report);
        };
    }

    /** The rows to delete, sorted as asked, from the plan's table. */
    Table deletions(CleanReport report) {
        Table table = report.plan().table();
        Table delete = table.where(table.booleanColumn("delete").isTrue());
        return order == Order.LARGEST
                ? delete.sortOn("-sizeBytes", "-ageDays", "repository", "digest")
                : delete.sortOn("-ageDays", "-sizeBytes", "repository", "digest");
    }

    private Table kept(CleanReport report) {
        Table table = report.plan().table();
        return table.where(table.booleanColumn("delete").isFalse()).sortOn("repository", "digest");
    }

    private List<String[]> totalLines(CleanReport report) {
        PlanTotals t = report.plan().totals();
        String est = t.estimate() ? " (estimate)" : "";
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"registry", report.plan().registry()});
        lines.add(new String[] {"mode", report.dryRun() ? "dry run (nothing deleted)" : "delete"});
        lines.add(new String[] {"images", String.valueOf(t.images())});
        lines.add(new String[] {"to delete", String.valueOf(report.plan().deletions().size())});
        lines.add(new String[] {"bytes (sum of image sizes)", Sizes.human(t.bytesNaive())});
        lines.add(new String[] {"bytes (unique blobs)", Sizes.human(t.bytesUnique()) + est});
        lines.add(new String[] {"bytes freed", Sizes.human(t.bytesFreed()) + est});
        lines.add(new String[] {"bytes after", Sizes.human(t.bytesAfter()) + est});
        lines.add(new String[] {"cap", t.cap().isPresent() ? Sizes.human(t.cap().getAsLong()) : "none"});
        report.result().ifPresent(r -> {
            lines.add(new String[] {"deleted", String.valueOf(r.deleted())});
            lines.add(new String[] {"already gone", String.valueOf(r.alreadyGone())});
            lines.add(new String[] {"failed", String.valueOf(r.failed())});
            lines.add(new String[] {"left for next run", String.valueOf(r.notStarted())});
            lines.add(new String[] {"bytes freed (done)", Sizes.human(r.bytesFreed())});
        });
        return lines;
    }

    private List<String> allNotes(CleanReport report) {
        List<String> notes = new ArrayList<>(report.notes());
        notes.addAll(report.plan().notes());
        report.result().ifPresent(r -> {
            r.stopReason().ifPresent(notes::add);
            notes.addAll(r.failures());
        });
        return notes;
    }

    private static String[] cells(Row row) {
        return new String[] {row.getString("repository"), row.getString("tags"), row.getString("digest"),
            row.getLong("ageDays") < 0 ? "?" : String.valueOf(row.getLong("ageDays")),
            Sizes.human(row.getLong("sizeBytes")), row.getString("reason")};
    }

    /** The deletions as a table; in Markdown the digest is shown as code. */
    private TextTable deleteTable(CleanReport report, boolean markdown) {
        TextTable table = new TextTable("repository", "tags", "digest", "ageDays", "size", "reason").alignRight(3, 4);
        for (Row row : deletions(report)) {
            String[] c = cells(row);
            if (markdown) {
                c[2] = "`" + c[2] + "`";
            }
            table.row(c);
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
        TextTable deletions = deleteTable(report, false);
        out.append('\n').append(deletions.toText());
        if (deletions.size() == 0) {
            out.append("(nothing to delete)\n");
        }
        return out.toString();
    }

    private String markdown(CleanReport report) {
        StringBuilder out = new StringBuilder("## Registry clean: ").append(report.plan().registry()).append("\n\n");
        out.append("| | |\n|---|---|\n");
        for (String[] line : totalLines(report)) {
            out.append("| ").append(line[0]).append(" | ").append(md(line[1])).append(" |\n");
        }
        for (String note : allNotes(report)) {
            out.append("\n> ").append(md(note));
        }
        out.append("\n\n").append(deleteTable(report, true).toMarkdown());
        return out.toString();
    }

    private static String md(String s) {
        return s.replace("|", "\\|");
    }

    private String csv(CleanReport report) {
        StringBuilder out = new StringBuilder("repository,tags,digest,ageDays,sizeBytes,reason\n");
        for (Row row : deletions(report)) {
            out.append(csvCell(row.getString("repository"))).append(',')
                    .append(csvCell(row.getString("tags"))).append(',')
                    .append(csvCell(row.getString("digest"))).append(',')
                    .append(row.getLong("ageDays")).append(',')
                    .append(row.getLong("sizeBytes")).append(',')
                    .append(csvCell(row.getString("reason"))).append('\n');
        }
        return out.toString();
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private String json(CleanReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("registry", report.plan().registry());
        root.put("dryRun", report.dryRun());
        PlanTotals t = report.plan().totals();
        ObjectNode totals = root.putObject("totals");
        totals.put("images", t.images());
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
        ArrayNode delete = root.putArray("delete");
        Map<String, List<String>> tagsByKey = new HashMap<>();
        report.plan().rows().forEach(r -> tagsByKey.put(r.repository() + "@" + r.digest(), r.tags()));
        for (Row row : deletions(report)) {
            ObjectNode d = delete.addObject();
            d.put("repository", row.getString("repository"));
            d.put("digest", row.getString("digest"));
            ArrayNode tags = d.putArray("tags");
            tagsByKey.getOrDefault(row.getString("repository") + "@" + row.getString("digest"), List.of())
                    .forEach(tags::add);
            d.put("sizeBytes", row.getLong("sizeBytes"));
            d.put("ageDays", row.getLong("ageDays"));
            d.put("reason", row.getString("reason"));
        }
        ArrayNode keep = root.putArray("keep");
        for (Row row : kept(report)) {
            ObjectNode k = keep.addObject();
            k.put("repository", row.getString("repository"));
            k.put("digest", row.getString("digest"));
            k.put("reason", row.getString("reason"));
        }
        report.result().ifPresent(r -> result(root.putObject("result"), r));
        ArrayNode notes = root.putArray("notes");
        allNotes(report).forEach(notes::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
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
