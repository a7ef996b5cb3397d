package org.helmupgradebot.upgrade.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one dependency may move, and where its changes are.
 *
 * @param prerelease {@code auto} (follow the pin's own stream), {@code stable} or {@code devel}
 * @param allowed an allowed range such as {@code <3.0.0}, or empty
 * @param ignore never propose anything for it
 * @param source the GitHub repository {@code owner/name} it is built from, for compare links and the merged
 *               pull requests (overrides what the Helm index says)
 * @param major what to do with a bump across a major version
 * @param minimumReleaseAge a version is proposed only once it has been published this long, if set
 */
public record DependencyRule(String prerelease, Optional<String> allowed, boolean ignore, Optional<String> source,
        Major major, Optional<Duration> minimumReleaseAge) {
    public static final DependencyRule DEFAULT = new DependencyRule("auto", Optional.empty(), false);

    /** What happens to a bump across a major version. */
    public enum Major {
        /** It rides in the target's pull request (flagged as major). */
        TOGETHER,
        /** It gets a pull request of its own. */
        SEPARATE,
        /** It waits: reported, not proposed (a newer version within the pin's major still is). */
        IGNORE
    }

    public DependencyRule {
        source = source == null ? Optional.empty() : source;
        Objects.requireNonNull(major, "major");
        Objects.requireNonNull(minimumReleaseAge, "minimumReleaseAge");
    }

    /** A rule with no source, the default major handling ({@code together}) and no minimum release age. */
    public DependencyRule(String prerelease, Optional<String> allowed, boolean ignore) {
        this(prerelease, allowed, ignore, Optional.empty(), Major.TOGETHER, Optional.empty());
    }
}
