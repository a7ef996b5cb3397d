package org.helmupgradebot.clean.function;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.util.Map;
import org.helmupgradebot.shared.report.FunctionInvocation;

/**
 * The timer-triggered Azure Function that cleans the container registry (schedule: app setting
 * CLEAN_SCHEDULE, NCRONTAB with six fields). A thin shell: everything happens in {@link FunctionInvocation}.
 */
public class RegistryCleanerFunction {
    public static final String JOB = "registry-cleaner";
    public static final String DRY_RUN = "CLEAN_DRY_RUN";

    // Nothing heavy here (no Tablesaw, no SDK clients): the job factory loads those when it runs.
    private final FunctionInvocation invocation;
    private final CleanJobFactory jobs;

    /** Used by the Functions worker: app settings from the environment, the wired job, blob reports when set. */
    public RegistryCleanerFunction() {
        this(System.getenv(), CleanJobFactory.wired(), FunctionInvocation.BLOB_WHEN_CONFIGURED);
    }

    RegistryCleanerFunction(Map<String, String> settings, CleanJobFactory jobs, FunctionInvocation.SinkFactory sinks) {
        this.invocation = new FunctionInvocation(JOB, DRY_RUN, settings, sinks);
        this.jobs = jobs;
    }

    /** Runs once per timer tick; throws (failing the invocation) when the run fails. */
    @FunctionName("registryCleaner")
    public void run(@TimerTrigger(name = "timer", schedule = "%CLEAN_SCHEDULE%") String timerInfo,
            final ExecutionContext context) {
        invocation.run(timerInfo, context.getLogger(), jobs);
    }
}
