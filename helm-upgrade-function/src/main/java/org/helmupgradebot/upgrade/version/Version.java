package org.helmupgradebot.upgrade.version;

import java.util.ArrayList;
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

    private static final Pattern SHAPE = Pattern.compile(
            "[vV]?(\\d+)\\.(\\d+)(?:\\.(\\d+))?"
                    + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)"     // SemVer prerelease
                    + "|\\.?((?:dev|a|b|rc)\\d+(?:[.-][0-9A-Za-z-]+)*))?" // PEP 440 pre or dev part
                    + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");
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
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        for (int g = 1; g <= 3; g++) {
            if (m.group(g) != null && stripZeros(m.group(g)).length() > MAX_DIGITS) {
                return Optional.empty();
            }
        }
        String pre = m.group(4) != null ? m.group(4) : m.group(5);
        List<String> ids = new ArrayList<>();
        if (pre != null) {
            for (String id : pre.split("\\.", -1)) {
                ids.add(id);
            }
        }
        return Optional.of(new Version(
                text,
                Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)),
                m.group(3) == null ? 0 : Long.parseLong(m.group(3)),
                ids,
                m.group(6) == null ? "" : m.group(6)));
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
