package org.helmupgradebot.upgrade.version;

/** Which stream a dependency follows: decided by its pin, only stable releases, or every build. */
public enum Prerelease {
    /** Stable pin follows stable releases; a prerelease or dev-build pin follows the dev stream. */
    AUTO,
    /** Only stable releases are proposed, whatever the pin. */
    STABLE,
    /** Every build is a candidate, ordered by core, then build counter within its stream, then publication time. */
    DEVEL
}
