package org.helmupgradebot.upgrade.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.helmupgradebot.shared.report.TextTable;

/** Renders an {@link UpgradePlan} as a terminal table, Markdown or JSON. */
public final class PlanRenderer {
    private static final JsonFactory JSON = new JsonFactory();

    private PlanRenderer() {}

    public static String text(UpgradePlan plan, List<String> notes) {
        return table(plan).toText() + footer(plan, notes);
    }

    public static String markdown(UpgradePlan plan, List<String> notes) {
        return table(plan).toMarkdown() + footer(plan, notes);
    }

    private static TextTable table(UpgradePlan plan) {
        TextTable t = new TextTable("TARGET", "NAME", "FILE", "CURRENT", "NEWEST", "ACTION");
        for (TargetPlan target : plan.targets()) {
            for (PlanRow row : target.rows()) {
                String action = row.action() == PlanRow.Action.BUMP ? "bump" : row.action().word() + ": " + row.reason();
                t.row(target.target(), row.pin().name(), row.pin().file(), row.pin().version(),
                        row.newest().orElse("-"), action);
            }
        }
        return t;
    }

    private static String footer(UpgradePlan plan, List<String> notes) {
        StringBuilder out = new StringBuilder();
        long bumps = plan.targets().stream().mapToLong(t -> t.bumps().size()).sum();
        long pins = plan.targets().stream().mapToLong(t -> t.rows().size()).sum();
        out.append(pins).append(" pins, ").append(bumps).append(bumps == 1 ? " bump" : " bumps");
        long failed = plan.targets().stream().filter(TargetPlan::failed).count();
        if (failed > 0) {
            out.append(", ").append(failed).append(failed == 1 ? " target failed" : " targets failed");
        }
        out.append('\n');
        for (TargetPlan target : plan.targets()) {
            target.errors().forEach(e -> out.append("error: ").append(e).append('\n'));
        }
        notes.forEach(n -> out.append(n).append('\n'));
        changes(plan, out);
        return out.toString();
    }

    /** Where to read what each bump changes, one line each (as mybinder.org's list_new_commits.py prints). */
    private static void changes(UpgradePlan plan, StringBuilder out) {
        boolean first = true;
        for (TargetPlan target : plan.targets()) {
            for (PlanRow row : target.bumps()) {
                if (first) {
                    out.append("changes:\n");
                    first = false;
                }
                out.append("  ").append(target.target()).append(' ').append(row.pin().name()).append(": ")
                        .append(row.compareUrl().orElse(row.sourceRepo().isEmpty()
                                ? "no source known (set 'source: owner/name' for it in the config)"
                                : "no commit or release tag in the versions to compare"))
                        .append('\n');
            }
        }
    }

    /**
     * {@code {"pins": [...], "errors": [...], "notes": [...]}}. Written with Jackson's streaming
     * generator: databind would add a few hundred classes to a cold start for one small document.
     */
    public static String json(UpgradePlan plan, List<String> notes) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart("pins");
            for (TargetPlan target : plan.targets()) {
                for (PlanRow row : target.rows()) {
                    g.writeStartObject();
                    g.writeStringField("target", target.target());
                    g.writeStringField("name", row.pin().name());
                    g.writeStringField("file", row.pin().file());
                    g.writeStringField("location", row.pin().location());
                    g.writeStringField("current", row.pin().version());
                    g.writeStringField("newest", row.newest().orElse(null));
                    g.writeStringField("action", row.action().word());
                    g.writeStringField("reason", row.reason());
                    g.writeStringField("compare", row.compareUrl().orElse(null));
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("errors");
            for (TargetPlan target : plan.targets()) {
                for (String e : target.errors()) {
                    g.writeStartObject();
                    g.writeStringField("target", target.target());
                    g.writeStringField("message", e);
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (String n : notes) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }
}
