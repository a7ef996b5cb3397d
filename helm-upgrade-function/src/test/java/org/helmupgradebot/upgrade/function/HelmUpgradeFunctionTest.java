package org.helmupgradebot.upgrade.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helmupgradebot.shared.testing.TestSecrets;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.helmupgradebot.shared.report.FunctionInvocation;
import org.helmupgradebot.shared.report.FakeJob;
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
    static final String PAST_DUE = FakeJob.PAST_DUE;

    final RecordingLogger log = new RecordingLogger("helmUpgrade");
    final ExecutionContext context = new TestExecutionContext(log, "helmUpgrade");
    final FakeJob fake = new FakeJob("helm-upgrade", "github-token", "would open 1 PR", "opened 1 PR");
    final FunctionInvocation.SinkFactory recordingSink = fake.sink;

    UpgradeJobFactory fakeJob(int exitCode) {
        return setup -> fake.factory(exitCode).create(setup);
    }

    @Test
    void dryRunReportsOnlyAndLogsPastDue() {
        HelmUpgradeFunction f = new HelmUpgradeFunction(Map.of("UPGRADE_DRY_RUN", "true", "GITHUB_TOKEN", TOKEN),
                fakeJob(0), recordingSink);

        f.run(PAST_DUE, context);

        assertTrue(fake.seen.get().dryRun());
        assertEquals(List.of(
                "INFO helm-upgrade: timer fired, isPastDue=true",
                "INFO helm-upgrade: dry run (UPGRADE_DRY_RUN=true): report only, credential azure-cli, reports to the log only",
                "INFO would open 1 PR using ***"), log.lines());
        assertTrue(fake.stored.isEmpty(), "no container configured, nothing stored");
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
