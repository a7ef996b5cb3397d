package org.helmupgradebot.upgrade.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helmupgradebot.shared.testing.TestSecrets;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.helmupgradebot.shared.report.FunctionInvocation;
import org.helmupgradebot.shared.report.JobReport;
import org.helmupgradebot.shared.report.JobSetup;
import org.helmupgradebot.shared.report.RecordingLogger;
import org.helmupgradebot.shared.report.TestExecutionContext;
import org.junit.jupiter.api.Test;

/**
 * Calls the Function method directly, as the worker would, with a test ExecutionContext and a fake job:
 * its name, dry-run setting and schedule. What every Function does around its job is in shared's
 * FunctionInvocationTest.
 */
class HelmUpgradeFunctionTest {
    static final String TOKEN = TestSecrets.githubToken();
    static final String PAST_DUE = "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":{\"Last\":\"2026-11-21T03:00:00+00:00\","
            + "\"Next\":\"2026-11-22T03:00:00+00:00\",\"LastUpdated\":\"2026-11-21T03:00:00+00:00\"},\"IsPastDue\":true}";

    final RecordingLogger log = new RecordingLogger("helmUpgrade");
    final ExecutionContext context = new TestExecutionContext(log, "helmUpgrade");
    final AtomicReference<JobSetup> seen = new AtomicReference<>();
    final List<JobReport> stored = new ArrayList<>();
    final FunctionInvocation.SinkFactory recordingSink = (settings, credential) ->
            settings.reportContainerUrl().map(url -> report -> {
                stored.add(report);
                return List.of(url + "/" + report.job() + "/now.md");
            });

    /** A fake upgrade job: reads the token the way the real one will, and reports (mentioning the token, carelessly). */
    UpgradeJobFactory fakeJob(int exitCode) {
        return setup -> {
            seen.set(setup);
            return () -> {
                String token = setup.secrets().get("github-token").value();
                String mode = setup.dryRun() ? "would open" : "opened";
                return new JobReport("helm-upgrade", exitCode, mode + " 1 PR using " + token, "# " + mode + " 1 PR (" + token + ")",
                        "{\"prs\":1,\"token\":\"" + token + "\"}");
            };
        };
    }

    @Test
    void dryRunReportsOnlyAndLogsPastDue() {
        HelmUpgradeFunction f = new HelmUpgradeFunction(Map.of("UPGRADE_DRY_RUN", "true", "GITHUB_TOKEN", TOKEN),
                fakeJob(0), recordingSink);

        f.run(PAST_DUE, context);

        assertTrue(seen.get().dryRun());
        assertEquals(List.of(
                "INFO helm-upgrade: timer fired, isPastDue=true",
                "INFO helm-upgrade: dry run (UPGRADE_DRY_RUN=true): report only, credential azure-cli, reports to the log only",
                "INFO would open 1 PR using ***"), log.lines());
        assertTrue(stored.isEmpty(), "no container configured, nothing stored");
    }

    @Test
    void theTimerScheduleComesFromTheAppSetting() throws Exception {
        Method run = HelmUpgradeFunction.class.getMethod("run", String.class, ExecutionContext.class);
        assertEquals("helmUpgrade", run.getAnnotation(FunctionName.class).value());
        TimerTrigger timer = (TimerTrigger) run.getParameterAnnotations()[0][0];
        assertEquals("timer", timer.name());
        assertEquals("%UPGRADE_SCHEDULE%", timer.schedule());
    }
}
