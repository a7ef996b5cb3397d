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
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.inventory.RegistryException;
import org.helmupgradebot.clean.plan.Plan;
import org.helmupgradebot.clean.plan.Planner;
import org.helmupgradebot.clean.report.CleanReport;
import org.helmupgradebot.clean.report.OutputFormat;
import org.helmupgradebot.clean.report.ReportRenderer;
import org.helmupgradebot.shared.report.Job;
import org.helmupgradebot.shared.report.JobReport;

/** One registry clean: inventory, plan, and (unless a dry run) delete exactly the plan; then report. */
public final class CleanRun implements Job {
    public static final String JOB = "registry-cleaner";

    private final RegistryBackend backend;
    private final CleanSettings settings;
    private final Clock clock;

    public CleanRun(RegistryBackend backend, CleanSettings settings, Clock clock) {
        this.backend = backend;
        this.settings = settings;
        this.clock = clock;
    }

    public CleanRun(RegistryBackend backend, CleanSettings settings) {
        this(backend, settings, Clock.systemUTC());
    }

    /**
     * Runs the clean and returns its report.
     *
     * @throws RegistryException when the registry cannot be read (nothing has been deleted then)
     */
    public CleanReport execute() {
        Instant start = clock.instant();
        Inventory inventory = new InventoryCollector(settings.concurrency(), clock).collect(backend);
        Plan plan = new Planner(settings.policy(), start).plan(inventory.registry(), inventory.records());
        List<String> notes = new ArrayList<>(inventory.notes());
        if (settings.dryRun()) {
            return new CleanReport(plan, true, Optional.empty(), notes);
        }
        int deletions = plan.deletions().size();
        if (deletions > settings.maxDeletions()) {
            notes.add("refused: the plan deletes " + deletions + " manifests, more than --max-deletions "
                    + settings.maxDeletions() + "; nothing was deleted");
            return new CleanReport(plan, true, Optional.empty(), notes);
        }
        ExecutionResult result = new DeletionExecutor(backend, settings.concurrency(), clock,
                start.plus(settings.timeBudget())).execute(plan, inventory.records());
        return new CleanReport(plan, false, Optional.of(result), notes);
    }

    /** 0 when the run did what it set out to, 1 when something failed or the plan was refused. */
    public static int exitCode(CleanReport report, CleanSettings settings) {
        if (report.result().isPresent()) {
            ExecutionResult r = report.result().get();
            return r.failed() == 0 && r.stopReason().filter(s -> !s.startsWith("deadline")).isEmpty() ? 0 : 1;
        }
        return report.dryRun() && !settings.dryRun() ? 1 : 0;
    }

    @Override
    public JobReport run() {
        try {
            CleanReport report = execute();
            ReportRenderer renderer = new ReportRenderer();
            return new JobReport(JOB, exitCode(report, settings), renderer.render(report, OutputFormat.TABLE),
                    renderer.render(report, OutputFormat.MARKDOWN), renderer.render(report, OutputFormat.JSON));
        } catch (RegistryException e) {
            String line = "registry-cleaner: " + e.getMessage();
            return new JobReport(JOB, 1, line + "\n", "**" + line + "**\n",
                    "{\"error\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(line) + "}\n");
        }
    }
}
