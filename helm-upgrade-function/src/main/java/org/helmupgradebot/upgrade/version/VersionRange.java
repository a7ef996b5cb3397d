package org.helmupgradebot.upgrade.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An allowed range such as {@code <3.0.0}, {@code >=1.2, <2} or {@code <=4.1.0}: comparisons separated by
 * commas or spaces, all of which must hold.
 *
 * <p>Comparisons use SemVer precedence, with one rule for intent: {@code <3.0.0} also excludes the
 * prereleases of 3.0.0 ({@code 3.0.0-beta.1} is chart 3, which the range keeps out). A bound may omit its
 * minor or patch ({@code <2} means {@code <2.0.0}).
 */
public final class VersionRange {

    /** One comparison operator. */
    enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    /** One comparison: candidate OP bound. */
    record Comparison(Op op, Version bound) {
        boolean test(Version v) {
            int c = v.compareTo(bound);
            return switch (op) {
                case LT -> c < 0 && !(bound.isStable() && !v.isStable() && v.compareCore(bound) == 0);
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                case EQ -> c == 0;
            };
        }
    }

    private static final Pattern TERM = Pattern.compile("(<=|>=|==|<|>|=)?\\s*([^\\s,<>=]+)");
    private static final Pattern SHORT_BOUND = Pattern.compile("[vV]?\\d+");

    private final String text;
    private final List<Comparison> comparisons;

    private VersionRange(String text, List<Comparison> comparisons) {
        this.text = text;
        this.comparisons = List.copyOf(comparisons);
    }

    /**
     * Parses a range.
     *
     * @throws IllegalArgumentException with a one-line message naming the range and the bad part
     */
    public static VersionRange parse(String text) {
        Objects.requireNonNull(text, "range");
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("bad version range '" + text + "': it is empty");
        }
        List<Comparison> out = new ArrayList<>();
        for (String part : trimmed.split(",", -1)) {
            String p = part.strip();
            if (p.isEmpty()) {
                throw bad(text, "empty comparison between commas");
            }
            Matcher m = TERM.matcher(p);
            int pos = 0;
            while (pos < p.length()) {
                m.region(pos, p.length());
                if (!m.lookingAt()) {
                    throw bad(text, "expected a comparison like '<3.0.0' at '" + p.substring(pos) + "'");
                }
                out.add(new Comparison(op(m.group(1)), bound(text, m.group(2))));
                pos = m.end();
                if (pos < p.length() && !Character.isWhitespace(p.charAt(pos))) {
                    throw bad(text, "expected ',' or a space before '" + p.substring(pos) + "'");
                }
                while (pos < p.length() && Character.isWhitespace(p.charAt(pos))) {
                    pos++;
                }
            }
        }
        return new VersionRange(trimmed, out);
    }

    private static Op op(String symbol) {
        if (symbol == null || symbol.equals("=") || symbol.equals("==")) {
            return Op.EQ;
        }
        for (Op op : Op.values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        throw new IllegalStateException(symbol);
    }

    private static Version bound(String range, String text) {
        String full = SHORT_BOUND.matcher(text).matches() ? text + ".0" : text;
        return Version.parse(full).orElseThrow(() -> bad(range, "'" + text + "' is not a version"));
    }

    private static IllegalArgumentException bad(String range, String why) {
        return new IllegalArgumentException("bad version range '" + range + "': " + why);
    }

    /** True when {@code v} satisfies every comparison. */
    public boolean contains(Version v) {
        for (Comparison c : comparisons) {
            if (!c.test(v)) {
                return false;
            }
        }
        return true;
    }

    /** The range as written (trimmed). */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionRange r && r.comparisons.equals(comparisons);
    }

    @Override
    public int hashCode() {
        return comparisons.hashCode();
    }
}
