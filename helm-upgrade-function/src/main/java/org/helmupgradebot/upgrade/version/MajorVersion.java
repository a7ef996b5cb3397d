package org.helmupgradebot.upgrade.version;

import java.util.Optional;

/** Whether a move between two versions crosses a major version (the first number of the core). */
public final class MajorVersion {
    /** A first number this large is a year ({@code 2023.1.0}), not a promise about breaking changes. */
    private static final long CALENDAR_YEARS = 1900;

    private MajorVersion() {}

    /**
     * True when both parse and {@code to}'s major number is greater than {@code from}'s; a calendar version
     * ({@code 2023.1.0} to {@code 2026.3.0}) is never a major bump.
     */
    public static boolean crosses(String from, String to) {
        Optional<Version> a = Version.parse(from);
        Optional<Version> b = Version.parse(to);
        return a.isPresent() && b.isPresent() && b.get().major() > a.get().major() && a.get().major() < CALENDAR_YEARS;
    }
}
