package org.helmupgradebot.clean;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.helmupgradebot.clean.execute.DeletionExecutor;
import org.helmupgradebot.clean.execute.ExecutionResult;
import org.helmupgradebot.clean.inventory.Inventory;
import org.helmupgradebot.clean.inventory.InventoryCollector;
import org.helmupgradebot.clean.inventory.InventoryProgress;
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.inventory.RegistryException;
import org.helmupgradebot.clean.plan.Plan;
import org.helmupgradebot.clean.plan.Planner;
import org.helmupgradebot.clean.report.AgeChart;
import org.helmupgradebot.clean.report.CleanReport;
import org.helmupgradebot.clean.report.OutputFormat;
import org.helmupgradebot.clean.report.ReportRenderer;
import org.helmupgradebot.shared.report.Job;
import org.helmupgradebot.shared.report.JobReport;

/** One registry clean: inventory, plan, and (unless a dry run) delete exactly the plan; then report. */
public final class CleanRun implements Job {
    public static final String JOB = "registry-cleaner";
    /** The chart's name as an attachment of the job's report (stored next to the Markdown). */
    public static final String CHART_ATTACHMENT = "bytes-by-age.png";

    private final RegistryBackend backend;
    private final CleanSettings settings;
    private final Clock clock;
    private final InventoryProgress progress;
    /** Whether the job's report carries the chart: it costs a Java2D start-up (about 0.5 s cold), so only when stored. */
    private final boolean chart;

    /** Retries are the HTTP layer's (or the Azure SDK's) alone: the run calls the backend once per step. */
    public CleanRun(RegistryBackend backend, CleanSettings settings, Clock clock, InventoryProgress progress) {
        this(backend, settings, clock, progress, true);
    }

    private CleanRun(RegistryBackend backend, CleanSettings settings, Clock clock, InventoryProgress progress,
            boolean chart) {
        this.backend = backend;
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
        this.chart = chart;
    }

    public CleanRun(RegistryBackend backend, CleanSettings settings) {
        this(backend, settings, Clock.systemUTC(), InventoryProgress.NONE);
    }

    /** The same run, telling the inventory's progress to {@code progress}. */
    public CleanRun withProgress(InventoryProgress progress) {
        return new CleanRun(backend, settings, clock, progress, chart);
    }

    /** The same run, its job report with the chart of bytes by age only when {@code drawn} (a stored report). */
    public CleanRun withChart(boolean drawn) {
        return new CleanRun(backend, settings, clock, progress, drawn);
    }

    /**
     * Runs the clean and returns its report.
     *
     * @throws RegistryException when the registry cannot be read (nothing has been deleted then)
     */
    public CleanReport execute() {
        Instant start = clock.instant();
        Inventory inventory = new InventoryCollector(settings.concurrency(), clock)
                .collect(backend, settings.scope(), progress);
        Plan plan = new Planner(settings.policy(), start).plan(inventory);
        List<String> notes = new ArrayList<>(inventory.notes());
        boolean gc = backend.freesSpaceOnlyOnGarbageCollection();
        if (settings.dryRun()) {
            return new CleanReport(plan, CleanReport.Mode.DRY_RUN, Optional.empty(), notes, gc);
        }
        int deletions = plan.deletions().size();
        if (deletions > settings.maxDeletions()) {
            notes.add("refused: the plan deletes " + deletions + " manifests, more than --max-deletions "
                    + settings.maxDeletions() + "; nothing was deleted");
            return new CleanReport(plan, CleanReport.Mode.REFUSED, Optional.empty(), notes, gc);
        }
        ExecutionResult result = new DeletionExecutor(backend, settings.concurrency(), clock,
                start.plus(settings.timeBudget())).execute(plan, inventory.records());
        return new CleanReport(plan, CleanReport.Mode.DELETE, Optional.of(result), notes, gc);
    }

    /** 0 when the run did what it set out to, 1 when something failed or the plan was refused. */
    public static int exitCode(CleanReport report, CleanSettings settings) {
        if (report.result().isPresent()) {
            ExecutionResult r = report.result().get();
            return r.failed() == 0 && r.stopReason().filter(s -> !s.startsWith("deadline")).isEmpty() ? 0 : 1;
        }
        return report.mode() == CleanReport.Mode.REFUSED ? 1 : 0;
    }

    /** The report as the Function stores it: text, Markdown with the chart beside it, JSON. */
    @Override
    public JobReport run() {
        try {
            CleanReport report = execute();
            ReportRenderer renderer = new ReportRenderer();
            List<JobReport.Attachment> attachments = new ArrayList<>();
            List<String> chartProblem = new ArrayList<>();
            Optional<String> chart = (this.chart ? chart(report, chartProblem) : Optional.<byte[]>empty()).map(png -> {
                attachments.add(new JobReport.Attachment(CHART_ATTACHMENT, "image/png", png));
                return CHART_ATTACHMENT;
            });
            CleanReport shown = chartProblem.isEmpty() ? report : withNotes(report, chartProblem);
            return new JobReport(JOB, exitCode(report, settings), renderer.render(shown, OutputFormat.TABLE),
                    renderer.markdown(shown, chart), renderer.render(shown, OutputFormat.JSON), attachments);
        } catch (RegistryException e) {
            String line = "registry-cleaner: " + e.getMessage();
            return new JobReport(JOB, 1, line + "\n", "**" + line + "**\n",
                    "{\"error\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(line) + "}\n");
        }
    }

    /** The chart as PNG; a report without a picture (and a note why) rather than no report when drawing fails. */
    public static Optional<byte[]> chart(CleanReport report, List<String> problems) {
        try {
            return Optional.of(AgeChart.png(report.plan().table()));
        } catch (RuntimeException | LinkageError e) {
            problems.add("the chart of bytes by age could not be drawn: " + e);
            return Optional.empty();
        }
    }

    /** The report with more notes. */
    public static CleanReport withNotes(CleanReport report, List<String> more) {
        List<String> notes = new ArrayList<>(report.notes());
        notes.addAll(more);
        return new CleanReport(report.plan(), report.mode(), report.result(), notes,
                report.freedAfterGarbageCollection());
    }
}
