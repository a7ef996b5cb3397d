package org.helmupgradebot.upgrade.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        TextTable t = new TextTable("TARGET", "NAME", "FILE", "CURRENT", "PUBLISHED", "NEWEST", "PUBLISHED", "ACTION");
        for (TargetPlan target : plan.targets()) {
            for (PlanRow row : target.rows()) {
                t.row(target.target(), row.pin().name(), row.pin().file(), row.pin().version(),
                        published(row.currentCreated(), plan.at()), row.newest().orElse("-"),
                        published(row.newestCreated(), plan.at()), action(target, row));
            }
        }
        return t;
    }

    private static String action(TargetPlan target, PlanRow row) {
        if (!row.isBump()) {
            return row.action().word() + ": " + row.reason();
        }
        List<String> notes = new ArrayList<>();
        if (row.major()) {
            notes.add("major");
        }
        group(target, row).filter(g -> !g.equals(target.target())).ifPresent(g -> notes.add("own pull request"));
        return "bump" + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")");
    }

    /** {@code 2024-03-01 (120d)}: the publication date and the age at planning time, or {@code -}. */
    private static String published(Optional<Instant> created, Instant now) {
        return created.map(c -> DateTimeFormatter.ISO_LOCAL_DATE.format(c.atOffset(ZoneOffset.UTC))
                + " (" + age(Duration.between(c, now)) + ")").orElse("-");
    }

    private static String age(Duration d) {
        if (d.isNegative()) {
            return "in the future";
        }
        return d.toDays() > 0 ? d.toDays() + "d" : d.toHours() > 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }

    private static Optional<String> group(TargetPlan target, PlanRow row) {
        return target.groups().stream().filter(g -> g.bumps().contains(row)).map(PublishGroup::name).findFirst();
    }

    private static String footer(UpgradePlan plan, List<String> notes) {
        StringBuilder out = new StringBuilder();
        long bumps = plan.targets().stream().mapToLong(t -> t.bumps().size()).sum();
        long pins = plan.targets().stream().mapToLong(t -> t.rows().size()).sum();
        long waiting = plan.targets().stream().flatMap(t -> t.rows().stream())
                .filter(r -> r.action() == PlanRow.Action.WAITING).count();
        out.append(pins).append(" pins, ").append(bumps).append(bumps == 1 ? " bump" : " bumps");
        if (waiting > 0) {
            out.append(", ").append(waiting).append(" waiting");
        }
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
            g.writeStringField("plannedAt", plan.at().toString());
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
                    g.writeBooleanField("major", row.major());
                    writeDate(g, "currentPublished", "currentAgeDays", row.currentCreated(), plan.at());
                    writeDate(g, "newestPublished", "newestAgeDays", row.newestCreated(), plan.at());
                    g.writeStringField("waitingUntil", row.waitingUntil().map(Instant::toString).orElse(null));
                    g.writeStringField("pullRequestGroup", group(target, row).orElse(null));
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

    private static void writeDate(JsonGenerator g, String dateField, String ageField, Optional<Instant> created,
            Instant now) throws IOException {
        g.writeStringField(dateField, created.map(Instant::toString).orElse(null));
        if (created.isPresent()) {
            g.writeNumberField(ageField, Duration.between(created.get(), now).toDays());
        } else {
            g.writeNullField(ageField);
        }
    }
}
