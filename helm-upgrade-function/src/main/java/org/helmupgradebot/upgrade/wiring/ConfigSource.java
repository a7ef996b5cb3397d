package org.helmupgradebot.upgrade.wiring;

import java.util.List;
import org.helmupgradebot.upgrade.config.BotConfig;

/** Where a run's config comes from: given whole (a file, UPGRADE_CONFIG), or the config repositories' own files. */
public sealed interface ConfigSource {
    /** Whether the run needs GitHub before it has read anything. */
    boolean needsGitHub();

    /** The config itself. */
    record Given(BotConfig config) implements ConfigSource {
        @Override
        public boolean needsGitHub() {
            return config.targets().stream().anyMatch(t -> t.repo().isPresent());
        }
    }

    /** Repositories ({@code owner/name}) whose {@link UpgradeJob#CONFIG_FILE} on the default branch is the config. */
    record Repositories(List<String> repositories) implements ConfigSource {
        public Repositories {
            repositories = List.copyOf(repositories);
        }

        @Override
        public boolean needsGitHub() {
            return true;
        }
    }
}
