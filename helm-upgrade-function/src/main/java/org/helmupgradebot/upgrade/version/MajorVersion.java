package org.helmupgradebot.upgrade.version;

import java.util.Optional;

/** Whether a move between two versions crosses a major version (the first number of the core). */
public final class MajorVersion {
    private MajorVersion() {}

    /** True when both parse and {@code to}'s major number is greater than {@code from}'s. */
    public static boolean crosses(String from, String to) {
        Optional<Version> a = Version.parse(from);
        Optional<Version> b = Version.parse(to);
        return a.isPresent() && b.isPresent() && b.get().major() > a.get().major();
    }
}
