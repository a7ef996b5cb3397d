package org.helmupgradebot.upgrade.function;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.helmupgradebot.shared.settings.SettingsException;
import org.helmupgradebot.shared.settings.SettingsReader;
import org.helmupgradebot.upgrade.cli.UpgradeJobs;
import org.helmupgradebot.upgrade.config.BotConfig;
import org.helmupgradebot.upgrade.config.ConfigException;
import org.helmupgradebot.upgrade.config.ConfigLoader;
import org.helmupgradebot.upgrade.config.DependencyRule;
import org.helmupgradebot.upgrade.config.Target;
import org.helmupgradebot.upgrade.publish.GitHubSession;

/**
 * The upgrade Function's own app settings: what to check (UPGRADE_CONFIG, the full bot config as YAML
 * text; or the one-target form CONFIG_REPO + UPGRADE_CHART_FILES / UPGRADE_VALUES_FILE ...), the GitHub
 * API and how to sign in to it.
 */
public record UpgradeFunctionSettings(BotConfig config, String githubEndpoint, GitHubCredentialSettings github) {
    public static final String CONFIG = "UPGRADE_CONFIG";
    public static final String CONFIG_REPO = "CONFIG_REPO";
    public static final String CONFIG_BRANCH = "CONFIG_BRANCH";
    public static final String CHART_FILES = "UPGRADE_CHART_FILES";
    public static final String VALUES_FILE = "UPGRADE_VALUES_FILE";
    public static final String IMAGE_PATHS = "UPGRADE_IMAGE_PATHS";
    public static final String LABELS = "UPGRADE_LABELS";
    public static final String REVIEWERS = "UPGRADE_REVIEWERS";
    public static final String GITHUB_API_URL = "GITHUB_API_URL";
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9-]+/[A-Za-z0-9._-]+");

    /** Whether some target lives on GitHub (then a token or App key is needed). */
    public boolean needsGitHub() {
        return config.targets().stream().anyMatch(t -> t.repo().isPresent());
    }

    /**
     * Reads and validates the settings.
     *
     * @throws SettingsException listing every problem, one line each (a bad UPGRADE_CONFIG gives its
     *         located lines, {@code UPGRADE_CONFIG:line:column: ...})
     */
    public static UpgradeFunctionSettings read(Map<String, String> values) {
        SettingsReader r = new SettingsReader(values);
        List<String> configProblems = new ArrayList<>();
        BotConfig config = new BotConfig(List.of(), Map.of());
        Optional<String> yaml = r.optional(CONFIG);
        if (yaml.isPresent()) {
            for (String simple : List.of(CHART_FILES, VALUES_FILE, IMAGE_PATHS)) {
                r.optional(simple).ifPresent(v -> r.problem(simple, "set either " + CONFIG + " or the one-target "
                        + "settings, not both (list the files in " + CONFIG + ")"));
            }
            try {
                config = new ConfigLoader(UpgradeJobs.RANGE_CHECK).parse(yaml.get(), CONFIG, null);
            } catch (ConfigException e) {
                configProblems.addAll(e.problems());
            }
        } else {
            config = new BotConfig(List.of(oneTarget(r)), Map.of());
        }
        String endpoint = githubEndpoint(r);
        GitHubCredentialSettings github = GitHubCredentialSettings.read(r);
        List<String> problems = new ArrayList<>(r.problems());
        problems.addAll(configProblems);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new UpgradeFunctionSettings(config, endpoint, github);
    }

    /** The one-target form: a GitHub repository and the files in it. */
    private static Target oneTarget(SettingsReader r) {
        String repo = r.required(CONFIG_REPO, "owner/name of the config repository; or set " + CONFIG);
        if (!repo.isEmpty() && !REPO.matcher(repo).matches()) {
            r.problem(CONFIG_REPO, "'" + repo + "' is not owner/name");
        }
        List<String> charts = list(r, CHART_FILES);
        Optional<String> valuesFile = r.optional(VALUES_FILE);
        List<String> imagePaths = list(r, IMAGE_PATHS);
        if (valuesFile.isPresent() && imagePaths.isEmpty()) {
            r.problem(IMAGE_PATHS, "missing (dotted YAML paths of the images in " + VALUES_FILE + ")");
        }
        if (valuesFile.isEmpty() && !imagePaths.isEmpty()) {
            r.problem(VALUES_FILE, "missing (the values file that " + IMAGE_PATHS + " point into)");
        }
        if (charts.isEmpty() && valuesFile.isEmpty()) {
            r.problem(CHART_FILES, "missing (comma-separated Chart.yaml paths in " + CONFIG_REPO
                    + "; or set " + VALUES_FILE + ", or " + CONFIG + ")");
        }
        List<Target.ImageFile> images = valuesFile.map(f -> List.of(new Target.ImageFile(f, imagePaths))).orElse(List.of());
        String name = repo.contains("/") ? repo.substring(repo.indexOf('/') + 1) : "config";
        return new Target(name, Optional.empty(), Optional.of(repo), r.optional(CONFIG_BRANCH), charts, images,
                Map.<String, DependencyRule>of(), list(r, LABELS), list(r, REVIEWERS), false);
    }

    private static String githubEndpoint(SettingsReader r) {
        Optional<String> url = r.optional(GITHUB_API_URL);
        if (url.isEmpty()) {
            return GitHubSession.GITHUB_API;
        }
        // http is allowed for a GitHub stand-in on loopback only.
        if (!url.get().matches("https://[^/?#\\s]+(/[^?#\\s]*)?|http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?(/[^?#\\s]*)?")) {
            r.problem(GITHUB_API_URL, "'" + url.get() + "' is not an https:// URL, e.g. https://api.github.com");
        }
        return url.get().replaceAll("/+$", "");
    }

    /** A comma-separated list (blanks dropped). */
    private static List<String> list(SettingsReader r, String name) {
        return r.optional(name).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}
