package org.helmupgradebot.upgrade.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.time.Duration;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.report.JobReport;
import org.helmupgradebot.shared.secrets.EnvironmentSecretSource;
import org.helmupgradebot.shared.secrets.Redactor;
import org.helmupgradebot.shared.secrets.SecretException;
import org.helmupgradebot.shared.settings.SettingsException;
import org.helmupgradebot.upgrade.config.BotConfig;
import org.helmupgradebot.upgrade.config.ConfigException;
import org.helmupgradebot.upgrade.config.ConfigLoader;
import org.helmupgradebot.upgrade.config.DependencyRule;
import org.helmupgradebot.upgrade.config.RepositoryName;
import org.helmupgradebot.upgrade.config.Target;
import org.helmupgradebot.upgrade.version.Prerelease;
import org.helmupgradebot.upgrade.wiring.ConfigSource;
import org.helmupgradebot.upgrade.wiring.UpgradeJob;
import org.helmupgradebot.upgrade.wiring.UpgradeJobs;
import org.helmupgradebot.upgrade.wiring.UpgradeSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code helm-upgrade} command line: plan (and apply) Helm chart and image bumps. */
@Command(name = "helm-upgrade", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BuildVersion.class,
        footerHeading = "%nEnvironment:%n",
        footer = {"CONFIG_REPO / UPGRADE_CONFIG  the config when no flag gives one (as the Azure Function reads them)",
                "GITHUB_TOKEN, or GITHUB_APP_ID with GITHUB_APP_KEY (PEM)  GitHub sign-in; GITHUB_API_URL for Enterprise"},
        description = "Finds newer versions of the Helm charts and images pinned in a config repo and bumps them.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:a target failed", "2:bad usage or bad config"})
public final class HelmUpgradeCli implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Bot config file (YAML) listing targets.")
    Path config;

    @Option(names = "--config-repo", paramLabel = "OWNER/NAME",
            description = "A config repository whose " + UpgradeJob.CONFIG_FILE + " (default branch) is the config (repeatable).")
    List<String> configRepos = new ArrayList<>();

    @Option(names = "--chart-file", paramLabel = "FILE", description = "A Chart.yaml or requirements.yaml to check.")
    List<Path> chartFiles = new ArrayList<>();

    @Option(names = "--values-file", paramLabel = "FILE",
            description = "A values.yaml holding image references (all of them, unless --image-path is given).")
    List<Path> valuesFiles = new ArrayList<>();

    @Option(names = "--image-path", paramLabel = "DOTTED.PATH",
            description = "YAML path of an image reference in the values files, e.g. binderhub.config.BinderHub.build_image;"
                    + " only these are checked.")
    List<String> imagePaths = new ArrayList<>();

    @Option(names = "--mirror", paramLabel = "FROM=TO",
            description = "Fetch a Helm repository URL prefix or registry host from another URL or folder.")
    Map<String, String> mirrors = new LinkedHashMap<>();

    @Option(names = "--prerelease", paramLabel = "auto|stable|devel",
            description = "Version stream for every dependency, overriding the config.")
    String prerelease;

    @Option(names = "--http-timeout", paramLabel = "SECONDS",
            description = "Longest time one HTTP call may take, retries included (default 60; env HTTP_TIMEOUT_SECONDS). "
                    + "Raise it on slow links.")
    String httpTimeout;

    @Option(names = "--dry-run", description = "Print the plan; change nothing.")
    boolean dryRun;

    @Option(names = "--output", paramLabel = "table|json", description = "Report format (default: ${DEFAULT-VALUE}).",
            defaultValue = "table")
    String output;

    private final Map<String, String> env;

    public HelmUpgradeCli(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given environment and streams; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        HelmUpgradeCli cli = new HelmUpgradeCli(env);
        CommandLine cmd = new CommandLine(cli).setOut(out).setErr(err);
        cli.out = out;
        cli.err = err;
        return cmd.execute(args);
    }

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() {
        if (!output.equals("table") && !output.equals("json")) {
            return usage("--output must be table or json, not '" + output + "'");
        }
        Optional<Prerelease> stream = Optional.empty();
        if (prerelease != null) {
            stream = Prerelease.parse(prerelease);
            if (stream.isEmpty()) {
                return usage("--prerelease must be " + Prerelease.WORDS + ", not '" + prerelease + "'");
            }
        }
        int sources = (config != null ? 1 : 0) + (configRepos.isEmpty() ? 0 : 1)
                + (chartFiles.isEmpty() && valuesFiles.isEmpty() ? 0 : 1);
        if (sources > 1) {
            return usage("give one of --config, --config-repo or --chart-file/--values-file");
        }
        if (sources == 0 && !env.containsKey(UpgradeSettings.CONFIG_REPO) && !env.containsKey(UpgradeSettings.CONFIG)) {
            return usage("give --config FILE, --config-repo OWNER/NAME, or --chart-file / --values-file");
        }
        if (valuesFiles.isEmpty() && !imagePaths.isEmpty()) {
            return usage("--image-path needs a --values-file");
        }
        for (Map.Entry<String, String> m : mirrors.entrySet()) {
            Optional<String> bad = ConfigLoader.mirrorProblem(m.getValue(), null);
            if (bad.isPresent()) {
                return usage("--mirror " + m.getKey() + "=" + m.getValue() + ": " + bad.get());
            }
        }
        Optional<ConfigSource> fromFlags;
        try {
            fromFlags = config != null ? Optional.of(new ConfigSource.Given(new ConfigLoader(UpgradeJobs.RANGE_CHECK).load(config)))
                    : !configRepos.isEmpty() ? Optional.of(new ConfigSource.Repositories(configRepos))
                    : sources == 1 ? Optional.of(new ConfigSource.Given(quickConfig())) : Optional.empty();
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return 2;
        }
        List<String> badRepos = configRepos.stream().filter(r -> !RepositoryName.isValid(r)).toList();
        if (!badRepos.isEmpty()) {
            return usage("--config-repo '" + badRepos.get(0) + "' is not owner/name");
        }
        Map<String, String> extraMirrors = new LinkedHashMap<>();
        mirrors.forEach((from, to) -> extraMirrors.put(from, ConfigLoader.mirrorUrl(to, null)));
        HttpOptions http;
        try {
            http = HttpOptions.timeoutSeconds(httpTimeout, "--http-timeout")
                    .map(seconds -> HttpOptions.defaults().withTimeout(Duration.ofSeconds(seconds)))
                    .orElseGet(() -> HttpOptions.fromSettings(env));
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        // Nothing printed carries credentials: known secrets, user info in a repository URL, a token in an error.
        Redactor redactor = new Redactor();
        JobReport report;
        try {
            UpgradeSettings settings = UpgradeSettings.read(env, fromFlags);
            report = UpgradeJobs.create(settings, dryRun, stream, extraMirrors, new EnvironmentSecretSource(env, redactor),
                    http).run();
        } catch (SettingsException e) {
            e.problems().forEach(p -> err.println(redactor.redact("helm-upgrade: " + p)));
            return 2;
        } catch (SecretException | IllegalArgumentException | IllegalStateException e) {
            err.println(redactor.redact("helm-upgrade: " + e.getMessage()));
            return 2;
        }
        out.print(redactor.redact(output.equals("json") ? report.json() : report.text()));
        out.flush();
        return report.exitCode();
    }

    /**
     * One target made of the files named on the command line, rooted at their common folder. A named file
     * that is a symbolic link is taken as the file it points to (the user chose it); it is read and written
     * with a target folder's bounds.
     */
    private BotConfig quickConfig() {
        List<Path> charts = chartFiles.stream().map(HelmUpgradeCli::real).toList();
        List<Path> values = valuesFiles.stream().map(HelmUpgradeCli::real).toList();
        List<Path> all = new ArrayList<>(charts);
        all.addAll(values);
        Path root = all.get(0).getParent();
        for (Path p : all) {
            while (!p.startsWith(root)) {
                root = root.getParent();
            }
        }
        Path base = root;
        List<Target.ImageFile> images = values.stream()
                .map(p -> new Target.ImageFile(rel(base, p), imagePaths)).toList();
        Target t = new Target("cli", Optional.of(base), Optional.empty(), Optional.empty(),
                charts.stream().map(p -> rel(base, p)).toList(), images,
                Map.<String, DependencyRule>of(), List.of(), List.of(), false);
        return new BotConfig(List.of(t), Map.of());
    }

    private static String rel(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** The real path of a named file, or its absolute path when it does not exist (the read then says so). */
    private static Path real(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (java.io.IOException e) {
            return abs;
        }
    }

    private int usage(String message) {
        err.println("helm-upgrade: " + message);
        err.println("Try 'helm-upgrade --help' for more information.");
        return 2;
    }
}
