package org.helmupgradebot.upgrade.wiring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.settings.SettingsException;
import org.helmupgradebot.shared.settings.SettingsReader;
import org.helmupgradebot.upgrade.config.ConfigException;
import org.helmupgradebot.upgrade.config.ConfigLoader;
import org.helmupgradebot.upgrade.config.RepositoryName;

/**
 * The upgrade job's settings, the one reader for the command line and the Function: where the config
 * comes from (CONFIG_REPO: the config repositories, each with its rules in {@link UpgradeJob#CONFIG_FILE};
 * or UPGRADE_CONFIG: the whole config as YAML text, which overrides them) and how to reach GitHub.
 */
public record UpgradeSettings(ConfigSource config, GitHubSettings github) {
    public static final String CONFIG = "UPGRADE_CONFIG";
    public static final String CONFIG_REPO = "CONFIG_REPO";

    /** Whether the run needs a GitHub token or App key. */
    public boolean needsGitHub() {
        return config.needsGitHub();
    }

    /**
     * Reads and validates the settings.
     *
     * @throws SettingsException listing every problem, one line each (a bad UPGRADE_CONFIG by its located
     *         lines, {@code UPGRADE_CONFIG:line:column: ...})
     */
    public static UpgradeSettings read(Map<String, String> values) {
        return read(values, Optional.empty());
    }

    /** Every problem {@link #read(Map)} would report; empty when the settings are good. */
    public static List<String> problems(Map<String, String> values) {
        try {
            read(values);
            return List.of();
        } catch (SettingsException e) {
            return e.problems();
        }
    }

    /**
     * As {@link #read(Map)}; {@code fromFlags}, when present, is the config the command line's flags give,
     * and then UPGRADE_CONFIG and CONFIG_REPO are not read.
     */
    public static UpgradeSettings read(Map<String, String> values, Optional<ConfigSource> fromFlags) {
        SettingsReader r = new SettingsReader(values);
        List<String> configProblems = new ArrayList<>();
        ConfigSource source = fromFlags.orElseGet(() -> configSource(r, configProblems));
        GitHubSettings github = GitHubSettings.read(r);
        List<String> problems = new ArrayList<>(r.problems());
        problems.addAll(configProblems);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new UpgradeSettings(source, github);
    }

    private static ConfigSource configSource(SettingsReader r, List<String> configProblems) {
        Optional<String> yaml = r.optional(CONFIG);
        if (yaml.isPresent()) {
            try {
                return new ConfigSource.Given(new ConfigLoader(UpgradeJobs.RANGE_CHECK).parse(yaml.get(), CONFIG, null));
            } catch (ConfigException e) {
                configProblems.addAll(e.problems());
                return new ConfigSource.Repositories(List.of());
            }
        }
        String text = r.required(CONFIG_REPO, "owner/name of the config repository, comma-separated for several; "
                + "or set " + CONFIG);
        List<String> repos = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        repos.stream().filter(repo -> !RepositoryName.isValid(repo))
                .forEach(repo -> r.problem(CONFIG_REPO, "'" + repo + "' is not owner/name"));
        return new ConfigSource.Repositories(repos);
    }
}
