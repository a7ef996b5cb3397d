package org.helmupgradebot.upgrade.config;

import java.util.Optional;

/**
 * How one dependency may move, and where its changes are.
 *
 * @param prerelease {@code auto} (follow the pin's own stream), {@code stable} or {@code devel}
 * @param allowed an allowed range such as {@code <3.0.0}, or empty
 * @param ignore never propose anything for it
 * @param source the GitHub repository {@code owner/name} it is built from, for compare links and the merged
 *               pull requests (overrides what the Helm index says)
 */
public record DependencyRule(String prerelease, Optional<String> allowed, boolean ignore, Optional<String> source) {
    public static final DependencyRule DEFAULT = new DependencyRule("auto", Optional.empty(), false);

    public DependencyRule {
        source = source == null ? Optional.empty() : source;
    }

    public DependencyRule(String prerelease, Optional<String> allowed, boolean ignore) {
        this(prerelease, allowed, ignore, Optional.empty());
    }
}
