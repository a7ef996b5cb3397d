package org.helmupgradebot.clean.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.helmupgradebot.shared.report.FunctionInvocation;
import org.helmupgradebot.shared.report.JobFailedException;
import org.helmupgradebot.shared.report.FakeJob;
import org.helmupgradebot.shared.report.RecordingLogger;
import org.helmupgradebot.shared.report.TestExecutionContext;
import org.junit.jupiter.api.Test;

/**
 * Calls the Function method directly, as the worker would, with a test ExecutionContext and a fake job:
 * its name, dry-run setting and schedule. What every Function does around its job is in shared's
 * FunctionInvocationTest.
 */
class RegistryCleanerFunctionTest {
    static final String TOKEN = "regpass-7c9f2e1d4b8a6053";
    static final String PAST_DUE = FakeJob.PAST_DUE;
    static final String ON_TIME = FakeJob.ON_TIME;

    final RecordingLogger log = new RecordingLogger("registryCleaner");
    final ExecutionContext context = new TestExecutionContext(log, "registryCleaner");
    final FakeJob fake = new FakeJob("registry-cleaner", "registry-password", "would delete 1 manifest", "deleted 1 manifest");
    final FunctionInvocation.SinkFactory recordingSink = fake.sink;

    CleanJobFactory fakeJob(int exitCode) {
        return setup -> fake.factory(exitCode).create(setup);
    }

    @Test
    void dryRunReportsOnlyAndLogsPastDue() {
        RegistryCleanerFunction f = new RegistryCleanerFunction(Map.of("CLEAN_DRY_RUN", "true", "REGISTRY_PASSWORD", TOKEN),
                fakeJob(0), recordingSink);

        f.run(PAST_DUE, context);

        assertTrue(fake.seen.get().dryRun());
        assertEquals(List.of(
                "INFO registry-cleaner: timer fired, isPastDue=true",
                "INFO registry-cleaner: dry run (CLEAN_DRY_RUN=true): report only, credential azure-cli, reports to the log only",
                "INFO would delete 1 manifest using ***"), log.lines());
        assertTrue(fake.stored.isEmpty(), "no container configured, nothing stored");
    }

    @Test
    void aMissingRegistryPasswordIsOneClearLine() {
        RegistryCleanerFunction f = new RegistryCleanerFunction(Map.of(), fakeJob(0), recordingSink);

        JobFailedException e = assertThrows(JobFailedException.class, () -> f.run(ON_TIME, context));

        assertEquals("registry-cleaner: environment variable REGISTRY_PASSWORD (secret 'registry-password') is not set; set it, "
                + "or set KEY_VAULT_URL to read the secret from Key Vault", e.getMessage());
    }

    @Test
    void theTimerScheduleComesFromTheAppSetting() throws Exception {
        Method run = RegistryCleanerFunction.class.getMethod("run", String.class, ExecutionContext.class);
        assertEquals("registryCleaner", run.getAnnotation(FunctionName.class).value());
        TimerTrigger timer = (TimerTrigger) run.getParameterAnnotations()[0][0];
        assertEquals("timer", timer.name());
        assertEquals("%CLEAN_SCHEDULE%", timer.schedule());
    }
}
