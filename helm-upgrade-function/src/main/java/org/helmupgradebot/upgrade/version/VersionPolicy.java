package org.helmupgradebot.upgrade.version;

import java.util.Objects;
import java.util.Optional;

/**
 * What one dependency may be bumped to.
 *
 * @param prerelease which stream to follow
 * @param allowed only versions inside this range are proposed (e.g. {@code <3.0.0})
 * @param ignore never propose anything for this dependency
 */
public record VersionPolicy(Prerelease prerelease, Optional<VersionRange> allowed, boolean ignore) {

    /** Follow the pin's stream, any version, not ignored. */
    public static final VersionPolicy DEFAULT = new VersionPolicy(Prerelease.AUTO, Optional.empty(), false);

    public VersionPolicy {
        Objects.requireNonNull(prerelease, "prerelease");
        Objects.requireNonNull(allowed, "allowed");
    }

    /** This policy with {@code range} as the allowed range. */
    public VersionPolicy withAllowed(VersionRange range) {
        return new VersionPolicy(prerelease, Optional.of(range), ignore);
    }

    /** This policy with another prerelease stream. */
    public VersionPolicy withPrerelease(Prerelease stream) {
        return new VersionPolicy(stream, allowed, ignore);
    }

    /** This policy, ignored. */
    public VersionPolicy ignored() {
        return new VersionPolicy(prerelease, allowed, true);
    }
}
