package org.helmupgradebot.upgrade.edit;

import java.util.Optional;
import java.util.regex.Pattern;
import org.helmupgradebot.shared.oci.ImageReference;
import org.helmupgradebot.upgrade.manager.Pin;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/** Decides whether a new version can be written in the quoting style the old one has, without re-quoting. */
final class ScalarQuoting {

    /** How the version's scalar is written. */
    enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED }

    /** Characters a plain scalar may not start with (YAML indicators), plus flow punctuation anywhere. */
    private static final String PLAIN_BAD_START = "-?:,[]{}#&*!|>'\"%@`";
    private static final Pattern PLAIN_BAD_ANYWHERE = Pattern.compile(": |:$| #|[,\\[\\]{}]|^\\s|\\s$");
    private static final Resolver RESOLVER = new Resolver();

    private ScalarQuoting() {}

    /**
     * The style of the scalar holding a pin's span. Extraction guarantees the span holds the value
     * verbatim, so a quoted value ends right before its closing quote, and a plain one never does
     * (a plain scalar ends at a line break, a comment, flow punctuation or the end of the text).
     */
    static Style styleOf(String text, Pin pin) {
        char after = pin.end() < text.length() ? text.charAt(pin.end()) : '\n';
        return switch (after) {
            case '"' -> Style.DOUBLE_QUOTED;
            case '\'' -> Style.SINGLE_QUOTED;
            default -> Style.PLAIN;
        };
    }

    /** Why {@code newVersion} cannot replace the pin's text in place, or empty when it can. */
    static Optional<String> problem(String text, Pin pin, String newVersion) {
        if (newVersion.isEmpty()) {
            return Optional.of("the new version is empty");
        }
        if (newVersion.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF')) {
            return Optional.of("the new version contains a control character or line break");
        }
        if (pin.kind() == Pin.Kind.IMAGE && !ImageReference.isValidTag(newVersion)) {
            return Optional.of("'" + newVersion + "' is not a valid image tag");
        }
        Style style = styleOf(text, pin);
        switch (style) {
            case DOUBLE_QUOTED:
                return newVersion.contains("\"") || newVersion.contains("\\")
                        ? Optional.of("a double-quoted value cannot hold '\"' or '\\' without escapes")
                        : Optional.empty();
            case SINGLE_QUOTED:
                return newVersion.contains("'")
                        ? Optional.of("a single-quoted value cannot hold \"'\" without doubling it")
                        : Optional.empty();
            default:
                return plainProblem(text, pin, newVersion);
        }
    }

    private static Optional<String> plainProblem(String text, Pin pin, String newVersion) {
        // An image tag after "repo:" is the end of a longer scalar: only the tag grammar (checked above) matters.
        boolean wholeScalar = pin.start() == 0 || text.charAt(pin.start() - 1) != ':';
        if (!wholeScalar) {
            return Optional.empty();
        }
        if (PLAIN_BAD_START.indexOf(newVersion.charAt(0)) >= 0) {
            return Optional.of("'" + newVersion + "' would need quotes: it starts with '" + newVersion.charAt(0) + "'");
        }
        if (PLAIN_BAD_ANYWHERE.matcher(newVersion).find()) {
            return Optional.of("'" + newVersion + "' would need quotes as a plain YAML value");
        }
        // 9.21.1 is text but 10 or 1.10 would read as a number (and 1.10 as 1.1 in Helm): keep the type.
        String oldType = RESOLVER.resolve(NodeId.scalar, pin.version(), true).getValue();
        String newType = RESOLVER.resolve(NodeId.scalar, newVersion, true).getValue();
        if (!oldType.equals(newType)) {
            return Optional.of("'" + newVersion + "' would read as " + newType + " instead of " + oldType
                    + " unless quoted");
        }
        return Optional.empty();
    }
}
