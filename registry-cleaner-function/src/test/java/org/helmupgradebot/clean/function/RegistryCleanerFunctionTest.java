package org.helmupgradebot.clean.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.helmupgradebot.shared.report.FunctionInvocation;
import org.helmupgradebot.shared.report.JobFailedException;
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
class RegistryCleanerFunctionTest {
    static final String TOKEN = "regpass-7c9f2e1d4b8a6053";
    static final String PAST_DUE = "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":{\"Last\":\"2026-11-21T03:00:00+00:00\","
            + "\"Next\":\"2026-11-22T03:00:00+00:00\",\"LastUpdated\":\"2026-11-21T03:00:00+00:00\"},\"IsPastDue\":true}";
    static final String ON_TIME = "{\"Schedule\":{\"AdjustForDST\":true},\"IsPastDue\":false}";

    final RecordingLogger log = new RecordingLogger("registryCleaner");
    final ExecutionContext context = new TestExecutionContext(log, "registryCleaner");
    final AtomicReference<JobSetup> seen = new AtomicReference<>();
    final List<JobReport> stored = new ArrayList<>();
    final FunctionInvocation.SinkFactory recordingSink = (settings, credential) ->
            settings.reportContainerUrl().map(url -> report -> {
                stored.add(report);
                return List.of(url + "/" + report.job() + "/now.md");
            });

    /** A fake cleaning job: reads a registry password the way the real one will, and reports (mentioning the token, carelessly). */
    CleanJobFactory fakeJob(int exitCode) {
        return setup -> {
            seen.set(setup);
            return () -> {
                String token = setup.secrets().get("registry-password").value();
                String mode = setup.dryRun() ? "would delete" : "deleted";
                return new JobReport("registry-cleaner", exitCode, mode + " 1 manifest using " + token, "# " + mode + " 1 manifest (" + token + ")",
                        "{\"deleted\":1,\"token\":\"" + token + "\"}");
            };
        };
    }

    @Test
    void dryRunReportsOnlyAndLogsPastDue() {
        RegistryCleanerFunction f = new RegistryCleanerFunction(Map.of("CLEAN_DRY_RUN", "true", "REGISTRY_PASSWORD", TOKEN),
                fakeJob(0), recordingSink);

        f.run(PAST_DUE, context);

        assertTrue(seen.get().dryRun());
        assertEquals(List.of(
                "INFO registry-cleaner: timer fired, isPastDue=true",
                "INFO registry-cleaner: dry run (CLEAN_DRY_RUN=true): report only, credential azure-cli, reports to the log only",
                "INFO would delete 1 manifest using ***"), log.lines());
        assertTrue(stored.isEmpty(), "no container configured, nothing stored");
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
