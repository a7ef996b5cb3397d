package org.helmupgradebot.upgrade.function;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.util.Map;
import org.helmupgradebot.shared.report.FunctionInvocation;

/**
 * The timer-triggered Azure Function that runs the Helm upgrade (schedule: app setting UPGRADE_SCHEDULE,
 * NCRONTAB with six fields). A thin shell: everything happens in {@link FunctionInvocation}.
 */
public class HelmUpgradeFunction {
    public static final String JOB = "helm-upgrade";
    public static final String DRY_RUN = "UPGRADE_DRY_RUN";

    // Nothing heavy here: the worker creates this class on a cold start, before the first log line.
    private final FunctionInvocation invocation;
    private final UpgradeJobFactory jobs;

    /** Used by the Functions worker: app settings from the environment, the wired job, blob reports when set. */
    public HelmUpgradeFunction() {
        this(System.getenv(), UpgradeJobFactory.wired(), FunctionInvocation.BLOB_WHEN_CONFIGURED);
    }

    HelmUpgradeFunction(Map<String, String> settings, UpgradeJobFactory jobs, FunctionInvocation.SinkFactory sinks) {
        this.invocation = new FunctionInvocation(JOB, DRY_RUN, settings, sinks);
        this.jobs = jobs;
    }

    /** Runs once per timer tick; throws (failing the invocation) when the run fails. */
    @FunctionName("helmUpgrade")
    public void run(@TimerTrigger(name = "timer", schedule = "%UPGRADE_SCHEDULE%") String timerInfo,
            final ExecutionContext context) {
        invocation.run(timerInfo, context.getLogger(), jobs);
    }
}
