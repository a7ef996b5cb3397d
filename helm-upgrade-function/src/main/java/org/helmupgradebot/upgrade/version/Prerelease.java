package org.helmupgradebot.upgrade.version;

import java.util.Locale;
import java.util.Optional;

/** Which stream a dependency follows: decided by its pin, only stable releases, or every build. */
public enum Prerelease {
    /** Stable pin follows stable releases; a prerelease or dev-build pin follows the dev stream. */
    AUTO,
    /** Only stable releases are proposed, whatever the pin. */
    STABLE,
    /** Every build is a candidate, ordered by core, then build counter within its stream, then publication time. */
    DEVEL;

    /** The words the config and the command line accept, for messages. */
    public static final String WORDS = "auto, stable or devel";

    /** The stream named by {@code word} ({@code auto}, {@code stable} or {@code devel}); empty for anything else. */
    public static Optional<Prerelease> parse(String word) {
        return switch (word == null ? "" : word) {
            case "auto", "stable", "devel" -> Optional.of(valueOf(word.toUpperCase(Locale.ROOT)));
            default -> Optional.empty();
        };
    }
}
