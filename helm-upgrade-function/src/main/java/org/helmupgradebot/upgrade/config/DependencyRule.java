package org.helmupgradebot.upgrade.config;

import java.util.Optional;

/**
 * How one dependency may move.
 *
 * @param prerelease {@code auto} (follow the pin's own stream), {@code stable} or {@code devel}
 * @param allowed an allowed range such as {@code <3.0.0}, or empty
 * @param ignore never propose anything for it
 */
public record DependencyRule(String prerelease, Optional<String> allowed, boolean ignore) {
    public static final DependencyRule DEFAULT = new DependencyRule("auto", Optional.empty(), false);
}
