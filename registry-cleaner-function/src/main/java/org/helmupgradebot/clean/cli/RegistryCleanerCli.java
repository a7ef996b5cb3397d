package org.helmupgradebot.clean.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.helmupgradebot.clean.CleanRun;
import org.helmupgradebot.clean.CleanSettings;
import org.helmupgradebot.clean.execute.DeletionExecutor;
import org.helmupgradebot.clean.inventory.ProgressLog;
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.inventory.RegistryException;
import org.helmupgradebot.clean.inventory.acr.AcrCredentials;
import org.helmupgradebot.clean.report.AgeChart;
import org.helmupgradebot.clean.report.CleanReport;
import org.helmupgradebot.clean.report.OutputFormat;
import org.helmupgradebot.clean.report.ReportRenderer;
import org.helmupgradebot.clean.wiring.BackendFactory;
import org.helmupgradebot.clean.wiring.CleanJobSettings;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.Redaction;
import org.helmupgradebot.shared.secrets.EnvironmentSecretSource;
import org.helmupgradebot.shared.secrets.Redactor;
import org.helmupgradebot.shared.secrets.SecretException;
import org.helmupgradebot.shared.settings.SettingsException;
import org.helmupgradebot.shared.settings.SettingsReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code registry-cleaner} command line: plan (and unless {@code --dry-run}, execute) a registry clean. */
@Command(name = "registry-cleaner", mixinStandardHelpOptions = true,
        description = "Inventory a container registry, plan what to delete (age, keep rules, size cap), and delete it.")
public final class RegistryCleanerCli implements Callable<Integer> {
    public static final int OK = 0;
    public static final int REGISTRY_FAILURE = 1;
    public static final int USAGE = 2;

    @Option(names = "--registry", required = true, description = "Registry URL, e.g. https://myreg.azurecr.io")
    String registry;

    @Option(names = "--backend", description = "acr or oci (default: acr for *.azurecr.io, else oci)")
    String backend;

    @Option(names = "--dry-run", description = "Plan and report only; delete nothing")
    boolean dryRun;

    @Option(names = "--max-age-days", description = "Delete images older than this many days")
    String maxAgeDays;

    @Option(names = "--size-cap", description = "Aggressive mode: delete largest first until under this size (2TB, 500GiB, 123456)")
    String sizeCap;

    @Option(names = "--keep", description = "Keep the newest N images of each repository (default 0)")
    String keep;

    @Option(names = "--keep-tag", description = "Keep manifests with a tag matching this regex (repeatable)")
    List<String> keepTags = new ArrayList<>();

    @Option(names = "--repository", paramLabel = "REGEX",
            description = "Only repositories whose whole name matches this regex (repeatable; default: all)")
    List<String> repositories = new ArrayList<>();

    @Option(names = "--exclude-repository", paramLabel = "REGEX",
            description = "Leave out repositories whose whole name matches this regex (repeatable)")
    List<String> excludedRepositories = new ArrayList<>();

    @Option(names = "--untagged-only", description = "Only untagged manifests may be deleted")
    boolean untaggedOnly;

    @Option(names = "--max-deletions", description = "Refuse to run a plan deleting more than this (default "
            + CleanSettings.DEFAULT_MAX_DELETIONS + ")")
    String maxDeletions;

    @Option(names = "--concurrency", description = "Parallel requests, 1.." + DeletionExecutor.MAX_CONCURRENCY
            + " (default " + DeletionExecutor.DEFAULT_CONCURRENCY + ")")
    String concurrency;

    @Option(names = "--time-budget-minutes", description = "Start no deletion after this many minutes (default "
            + CleanJobSettings.DEFAULT_TIME_BUDGET_MINUTES + ", as in Azure; the next run goes on)")
    String timeBudgetMinutes;

    @Option(names = "--output", description = "table, json, csv or markdown (default ${DEFAULT-VALUE})")
    String output = "table";

    @Option(names = "--report", description = "Also write the report to this file, in the format its extension names "
            + "(.json, .csv, .md, .txt); beside a .md report, its chart of bytes by age (<name>-bytes-by-age.png)")
    Path reportFile;

    @Option(names = "--identity", description = "ACR: use the managed identity instead of the Azure CLI login")
    boolean identity;

    @Option(names = "--http-timeout", paramLabel = "SECONDS",
            description = "Longest time one HTTP call may take, retries included (default 60; env HTTP_TIMEOUT_SECONDS)")
    String httpTimeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final BiFunction<URI, BackendFactory.Kind, RegistryBackend> backends;
    private final Map<String, String> env = System.getenv();

    public RegistryCleanerCli() {
        this.backends = null;
    }

    /** For tests: backends come from this function instead of the factory. */
    public RegistryCleanerCli(BiFunction<URI, BackendFactory.Kind, RegistryBackend> backends) {
        this.backends = backends;
    }

    public static void main(String[] args) {
        System.exit(run(new RegistryCleanerCli(), args));
    }

    /** Runs with these arguments; returns the exit code. */
    public static int run(RegistryCleanerCli cli, String... args) {
        return run(cli, new CommandLine(cli), args);
    }

    /** Runs on a prepared command line (tests set its output streams). */
    public static int run(RegistryCleanerCli cli, CommandLine line, String... args) {
        line.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("registry-cleaner: " + e.getMessage().lines().findFirst().orElse("bad usage")
                    + " (see --help)");
            return USAGE;
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(Redaction.text("registry-cleaner: unexpected failure: " + e));
            return REGISTRY_FAILURE;
        });
        return line.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CleanSettings settings;
        OutputFormat format;
        CleanJobSettings job;
        try {
            format = OutputFormat.parse(output);
            if (reportFile != null && OutputFormat.forFile(reportFile).isEmpty()) {
                throw new IllegalArgumentException("--report '" + reportFile + "' must end in .json, .csv, .md or .txt"
                        + " (the extension names the format)");
            }
            job = CleanJobSettings.read(new SettingsReader(flagsAsSettings(), FLAGS), dryRun);
            settings = job.settings();
        } catch (SettingsException e) {
            e.problems().forEach(p -> err.println(Redaction.text("registry-cleaner: " + p)));
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println(Redaction.text("registry-cleaner: " + e.getMessage()));
            return USAGE;
        }
        URI uri = job.registry();
        BackendFactory.Kind kind = job.kind();
        try {
            RegistryBackend registryBackend = backends != null ? backends.apply(uri, kind)
                    : BackendFactory.create(job, () -> AcrCredentials.choose(identity, env.get("AZURE_CLIENT_ID")),
                            new EnvironmentSecretSource(env, new Redactor()));
            CleanReport report = new CleanRun(registryBackend, settings)
                    .withProgress(ProgressLog.to(line -> err.println("registry-cleaner: " + line))).execute();
            ReportRenderer renderer = new ReportRenderer();
            Optional<OutputFormat> fileFormat = Optional.ofNullable(reportFile).flatMap(OutputFormat::forFile);
            Optional<String> chartName = Optional.empty();
            if (fileFormat.equals(Optional.of(OutputFormat.MARKDOWN))) {
                List<String> problems = new ArrayList<>();
                Optional<byte[]> png = CleanRun.chart(report, problems);
                if (png.isPresent()) {
                    String name = chartFileName(reportFile);
                    Files.write(reportFile.resolveSibling(name), png.get());
                    chartName = Optional.of(name);
                }
                report = CleanRun.withNotes(report, problems);
            }
            // Nothing printed or written carries credentials (user info in a URL, a token in an error).
            String rendered = Redaction.text(format == OutputFormat.MARKDOWN ? renderer.markdown(report, chartName)
                    : renderer.render(report, format));
            out.print(rendered);
            out.flush();
            if (reportFile != null) {
                OutputFormat f = fileFormat.orElseThrow();
                Files.writeString(reportFile, f == format ? rendered : Redaction.text(
                        f == OutputFormat.MARKDOWN ? renderer.markdown(report, chartName) : renderer.render(report, f)));
            }
            return CleanRun.exitCode(report, settings);
        } catch (RegistryException | UnsupportedOperationException | SecretException e) {
            err.println("registry-cleaner: " + e.getMessage());
            return REGISTRY_FAILURE;
        } catch (IOException e) {
            err.println("registry-cleaner: cannot write report " + reportFile + ": " + e.getMessage());
            return REGISTRY_FAILURE;
        }
    }

    /** The setting each flag stands for: the Function reads the same names, through the same reader. */
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry(CleanJobSettings.LOGIN_SERVER, "--registry"),
            Map.entry(CleanJobSettings.BACKEND, "--backend"),
            Map.entry(CleanJobSettings.MAX_AGE_DAYS, "--max-age-days"),
            Map.entry(CleanJobSettings.SIZE_CAP, "--size-cap"),
            Map.entry(CleanJobSettings.KEEP, "--keep"),
            Map.entry(CleanJobSettings.KEEP_TAGS, "--keep-tag"),
            Map.entry(CleanJobSettings.REPOSITORIES, "--repository"),
            Map.entry(CleanJobSettings.EXCLUDE_REPOSITORIES, "--exclude-repository"),
            Map.entry(CleanJobSettings.UNTAGGED_ONLY, "--untagged-only"),
            Map.entry(CleanJobSettings.MAX_DELETIONS, "--max-deletions"),
            Map.entry(CleanJobSettings.CONCURRENCY, "--concurrency"),
            Map.entry(CleanJobSettings.TIME_BUDGET_MINUTES, "--time-budget-minutes"),
            Map.entry(HttpOptions.TIMEOUT_SETTING, "--http-timeout"));

    /**
     * The flags given, as the settings they stand for, read through {@link #FLAGS} (regex lists joined by
     * spaces: tags and repository names hold no whitespace); REGISTRY_USERNAME comes from the environment, as
     * in Azure, and so does HTTP_TIMEOUT_SECONDS when --http-timeout is not given.
     */
    private Map<String, String> flagsAsSettings() {
        Map<String, String> s = new HashMap<>();
        FLAGS.forEach((setting, flag) -> putIfSet(s, setting, asSetting(spec.findOption(flag).getValue())));
        putIfSet(s, CleanJobSettings.USERNAME, env.get(CleanJobSettings.USERNAME));
        if (!s.containsKey(HttpOptions.TIMEOUT_SETTING)) {
            putIfSet(s, HttpOptions.TIMEOUT_SETTING, env.get(HttpOptions.TIMEOUT_SETTING));
        }
        return s;
    }

    /** A flag's value as setting text: a list joined by spaces, a switch "true" only when on, null when unset. */
    private static String asSetting(Object value) {
        if (value instanceof List<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Boolean on) {
            return on ? "true" : null;
        }
        return value == null ? null : value.toString();
    }

    private static void putIfSet(Map<String, String> settings, String name, String value) {
        if (value != null && !value.isBlank()) {
            settings.put(name, value);
        }
    }

    /** {@code report.md} → {@code report-bytes-by-age.png}, in the same directory. */
    static String chartFileName(Path markdownReport) {
        String name = markdownReport.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return name.substring(0, dot) + AgeChart.FILE_SUFFIX;
    }

}
