package org.helmupgradebot.upgrade.version;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed chart or image version: a core {@code X.Y.Z} plus an optional prerelease suffix and build metadata.
 *
 * <p>Parsing is tolerant where the real data needs it: a {@code v}/{@code V} prefix, leading zeros
 * ({@code 056}), a missing patch ({@code v0.6} is 0.6.0), and a PEP 440 pre/dev part written without a
 * dash ({@code 2026.4.1.dev44-g97bb4e45a}, {@code 1.2.0rc1}), which becomes the prerelease. A lone number
 * ({@code 3}, {@code 1975451}) is not a version: old chartpress images were tagged with bare commit shas,
 * and an all-digit sha must never parse as a huge major version.
 *
 * <p>{@link #compareTo} is SemVer precedence (numeric identifiers numerically, leading zeros tolerated, build
 * metadata ignored); like {@code BigDecimal} it is not consistent with {@code equals}, which also sees the
 * original text.
 */
public final class Version implements Comparable<Version> {

    private static final Pattern CORE = Pattern.compile("[vV]?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Pattern PEP440_PRE = Pattern.compile("\\.?((?:dev|a|b|rc)\\d+)");
    private static final int MAX_DIGITS = 18; // fits a long

    private final String original;
    private final long major;
    private final long minor;
    private final long patch;
    private final List<String> prerelease;
    private final String build;

    private Version(String original, long major, long minor, long patch, List<String> prerelease, String build) {
        this.original = original;
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.prerelease = List.copyOf(prerelease);
        this.build = build;
    }

    /** Parses {@code text}; empty when it is not a version (callers report it, never choose it). */
    public static Optional<Version> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = CORE.matcher(text);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        for (int g = 1; g <= 3; g++) {
            if (m.group(g) != null && stripZeros(m.group(g)).length() > MAX_DIGITS) {
                return Optional.empty();
            }
        }
        String rest = text.substring(m.end());
        int plus = rest.indexOf('+');
        String suffix = plus < 0 ? rest : rest.substring(0, plus);
        String build = plus < 0 ? "" : rest.substring(plus + 1);
        if (plus >= 0 && !validIdentifiers(build)) {
            return Optional.empty();
        }
        String pre = "";
        if (suffix.startsWith("-")) {
            pre = suffix.substring(1);
        } else if (!suffix.isEmpty()) {
            // PEP 440: "1.2.0rc1", "2026.4.1.dev44-g97bb4e45a"; what follows the number must be a new word.
            Matcher pep = PEP440_PRE.matcher(suffix);
            if (!pep.lookingAt()) {
                return Optional.empty();
            }
            String tail = suffix.substring(pep.end());
            if (!tail.isEmpty() && tail.charAt(0) != '.' && tail.charAt(0) != '-') {
                return Optional.empty();
            }
            pre = pep.group(1) + tail;
        }
        if (!suffix.isEmpty() && !validIdentifiers(pre)) {
            return Optional.empty();
        }
        List<String> ids = pre.isEmpty() ? List.of() : List.of(pre.split("\\.", -1));
        return Optional.of(new Version(
                text,
                Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)),
                m.group(3) == null ? 0 : Long.parseLong(m.group(3)),
                ids,
                build));
    }

    /** True for one or more non-empty dot-separated identifiers of [0-9A-Za-z-]. */
    private static boolean validIdentifiers(String s) {
        if (s.isEmpty() || s.charAt(0) == '.' || s.charAt(s.length() - 1) == '.') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'
                    || (c == '.' && s.charAt(i - 1) != '.');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The text exactly as it was offered. */
    public String original() {
        return original;
    }

    public long major() {
        return major;
    }

    public long minor() {
        return minor;
    }

    public long patch() {
        return patch;
    }

    /** The prerelease identifiers (the part after {@code -}, split at dots); empty for a stable version. */
    public List<String> prerelease() {
        return prerelease;
    }

    /** Build metadata (after {@code +}), or the empty string. */
    public String build() {
        return build;
    }

    /** True when there is no prerelease part (build metadata does not count). */
    public boolean isStable() {
        return prerelease.isEmpty();
    }

    /** The core as {@code X.Y.Z}, normalised (no prefix, no leading zeros). */
    public String core() {
        return major + "." + minor + "." + patch;
    }

    /** Compares only the {@code X.Y.Z} cores. */
    public int compareCore(Version other) {
        int c = Long.compare(major, other.major);
        if (c == 0) {
            c = Long.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, other.patch);
        }
        return c;
    }

    /** SemVer precedence: core, then a prerelease sorts below the release, then identifier by identifier. */
    @Override
    public int compareTo(Version other) {
        int c = compareCore(other);
        if (c != 0) {
            return c;
        }
        if (isStable() || other.isStable()) {
            return Boolean.compare(isStable(), other.isStable());
        }
        int n = Math.min(prerelease.size(), other.prerelease.size());
        for (int i = 0; i < n; i++) {
            c = compareIdentifiers(prerelease.get(i), other.prerelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(prerelease.size(), other.prerelease.size());
    }

    /** True when both denote the same release: equal precedence and equal build metadata ({@code v1.0} = {@code 1.0.0}). */
    public boolean sameAs(Version other) {
        return compareTo(other) == 0 && build.equals(other.build);
    }

    /** SemVer identifier order: numeric ones numerically and below alphanumeric ones, which compare as ASCII. */
    static int compareIdentifiers(String a, String b) {
        boolean na = isNumeric(a);
        boolean nb = isNumeric(b);
        if (na && nb) {
            return compareNumbers(a, b);
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }

    static boolean isNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Compares two digit strings of any length by value (leading zeros ignored). */
    static int compareNumbers(String a, String b) {
        String x = stripZeros(a);
        String y = stripZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && original.equals(v.original);
    }

    @Override
    public int hashCode() {
        return Objects.hash(original);
    }

    @Override
    public String toString() {
        return original;
    }
}
