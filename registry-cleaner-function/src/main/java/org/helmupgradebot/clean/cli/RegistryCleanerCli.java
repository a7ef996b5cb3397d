package org.helmupgradebot.clean.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.helmupgradebot.clean.CleanRun;
import org.helmupgradebot.clean.CleanSettings;
import org.helmupgradebot.clean.execute.DeletionExecutor;
import org.helmupgradebot.clean.inventory.ProgressLog;
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.inventory.RepositoryScope;
import org.helmupgradebot.clean.inventory.RegistryException;
import org.helmupgradebot.clean.policy.CleanPolicy;
import org.helmupgradebot.clean.report.AgeChart;
import org.helmupgradebot.clean.report.CleanReport;
import org.helmupgradebot.clean.report.OutputFormat;
import org.helmupgradebot.clean.report.ReportRenderer;
import org.helmupgradebot.clean.report.Sizes;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.Redaction;
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
    Integer maxAgeDays;

    @Option(names = "--size-cap", description = "Aggressive mode: delete largest first until under this size (2TB, 500GiB, 123456)")
    String sizeCap;

    @Option(names = "--keep", description = "Keep the newest N images of each repository (default ${DEFAULT-VALUE})")
    int keep = 0;

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

    @Option(names = "--max-deletions", description = "Refuse to run a plan deleting more than this (default ${DEFAULT-VALUE})")
    int maxDeletions = CleanSettings.DEFAULT_MAX_DELETIONS;

    @Option(names = "--concurrency", description = "Parallel requests, 1..32 (default ${DEFAULT-VALUE})")
    int concurrency = DeletionExecutor.DEFAULT_CONCURRENCY;

    @Option(names = "--time-budget-minutes", description = "Start no deletion after this many minutes (default ${DEFAULT-VALUE})")
    int timeBudgetMinutes = 50;

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
        URI uri;
        BackendFactory.Kind kind;
        HttpOptions http;
        try {
            http = HttpOptions.timeoutSeconds(httpTimeout, "--http-timeout")
                    .map(seconds -> HttpOptions.defaults().withTimeout(Duration.ofSeconds(seconds)))
                    .orElseGet(() -> HttpOptions.fromSettings(System.getenv()));
            uri = BackendFactory.parseRegistry(registry);
            kind = backend == null ? BackendFactory.kindFor(uri) : parseKind(backend);
            format = OutputFormat.parse(output);
            List<Pattern> patterns = patterns("--keep-tag", keepTags);
            RepositoryScope scope = new RepositoryScope(patterns("--repository", repositories),
                    patterns("--exclude-repository", excludedRepositories));
            if (reportFile != null && OutputFormat.forFile(reportFile).isEmpty()) {
                throw new IllegalArgumentException("--report '" + reportFile + "' must end in .json, .csv, .md or .txt"
                        + " (the extension names the format)");
            }
            OptionalLong cap = sizeCap == null ? OptionalLong.empty() : OptionalLong.of(Sizes.parse(sizeCap));
            CleanPolicy policy = new CleanPolicy(maxAgeDays == null ? OptionalInt.empty() : OptionalInt.of(maxAgeDays),
                    patterns, keep, untaggedOnly, cap);
            if (timeBudgetMinutes < 1) {
                throw new IllegalArgumentException("--time-budget-minutes must be at least 1");
            }
            settings = new CleanSettings(policy, dryRun, maxDeletions, concurrency, Duration.ofMinutes(timeBudgetMinutes),
                    scope);
        } catch (IllegalArgumentException e) {
            err.println(Redaction.text("registry-cleaner: " + e.getMessage()));
            return USAGE;
        }
        try {
            RegistryBackend registryBackend = backends != null ? backends.apply(uri, kind)
                    : BackendFactory.create(uri, kind, identity, http);
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
        } catch (RegistryException | UnsupportedOperationException e) {
            err.println(Redaction.text("registry-cleaner: " + e.getMessage()));
            return REGISTRY_FAILURE;
        } catch (IOException e) {
            err.println("registry-cleaner: cannot write report " + reportFile + ": " + e.getMessage());
            return REGISTRY_FAILURE;
        }
    }

    private static List<Pattern> patterns(String flag, List<String> regexes) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : regexes) {
            try {
                patterns.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(flag + " '" + regex + "' is not a valid regex: " + e.getDescription());
            }
        }
        return patterns;
    }

    /** {@code report.md} → {@code report-bytes-by-age.png}, in the same directory. */
    static String chartFileName(Path markdownReport) {
        String name = markdownReport.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return name.substring(0, dot) + AgeChart.FILE_SUFFIX;
    }

    private static BackendFactory.Kind parseKind(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "acr" -> BackendFactory.Kind.ACR;
            case "oci" -> BackendFactory.Kind.OCI;
            default -> throw new IllegalArgumentException("--backend '" + text + "' is not acr or oci");
        };
    }
}
