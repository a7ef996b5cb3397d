package org.helmupgradebot.upgrade.config;

import java.util.List;
import java.util.Map;

/**
 * The bot's configuration: what to check and where new versions come from.
 *
 * @param targets config repos (or folders) to check, in the order given
 * @param mirrors URL prefix or registry host to the URL that serves it instead (air-gapped sites, tests)
 */
public record BotConfig(List<Target> targets, Map<String, String> mirrors) {
    public BotConfig {
        targets = List.copyOf(targets);
        mirrors = Map.copyOf(mirrors);
    }
}
