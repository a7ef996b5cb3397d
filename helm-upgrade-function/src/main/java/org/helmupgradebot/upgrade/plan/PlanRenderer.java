package org.helmupgradebot.upgrade.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.helmupgradebot.shared.report.TextTable;

/** Renders an {@link UpgradePlan} as a terminal table, Markdown or JSON. */
public final class PlanRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        return out.toString();
    }

    /** {@code {"pins": [...], "errors": [...], "notes": [...]}}. */
    public static String json(UpgradePlan plan, List<String> notes) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode pins = root.putArray("pins");
        ArrayNode errors = root.putArray("errors");
        for (TargetPlan target : plan.targets()) {
            for (PlanRow row : target.rows()) {
                ObjectNode p = pins.addObject();
                p.put("target", target.target());
                p.put("name", row.pin().name());
                p.put("file", row.pin().file());
                p.put("location", row.pin().location());
                p.put("current", row.pin().version());
                if (row.newest().isPresent()) {
                    p.put("newest", row.newest().get());
                } else {
                    p.putNull("newest");
                }
                p.put("action", row.action().word());
                p.put("reason", row.reason());
            }
            target.errors().forEach(e -> errors.addObject().put("target", target.target()).put("message", e));
        }
        ArrayNode n = root.putArray("notes");
        notes.forEach(n::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
