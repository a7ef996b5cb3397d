package org.helmupgradebot.clean.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** Calls the Function method directly, as the worker would, with a test ExecutionContext and a fake job. */
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
    void realRunStoresTheRedactedReportWhenAContainerIsConfigured() {
        RegistryCleanerFunction f = new RegistryCleanerFunction(Map.of("REGISTRY_PASSWORD", TOKEN,
                "REPORT_CONTAINER_URL", "https://hubreports.blob.core.windows.net/reports"), fakeJob(0), recordingSink);

        f.run(ON_TIME, context);

        assertFalse(seen.get().dryRun());
        assertEquals("INFO registry-cleaner: timer fired, isPastDue=false", log.lines().get(0));
        assertTrue(log.lines().contains("INFO deleted 1 manifest using ***"), log.text());
        assertTrue(log.lines().contains("INFO registry-cleaner: report stored as https://hubreports.blob.core.windows.net/reports/registry-cleaner/now.md"),
                log.text());
        assertEquals(1, stored.size());
        assertEquals("# deleted 1 manifest (***)", stored.get(0).markdown());
        assertEquals("{\"deleted\":1,\"token\":\"***\"}", stored.get(0).json());
        assertFalse(log.text().contains(TOKEN));
    }

    @Test
    void aFailedRunFailsTheInvocation() {
        RegistryCleanerFunction f = new RegistryCleanerFunction(Map.of("REGISTRY_PASSWORD", TOKEN), fakeJob(1), recordingSink);

        JobFailedException e = assertThrows(JobFailedException.class, () -> f.run(ON_TIME, context));

        assertEquals("registry-cleaner: run failed with exit code 1; the report above says why", e.getMessage());
        assertTrue(log.lines().contains("SEVERE deleted 1 manifest using ***"), log.text());
    }

    @Test
    void badSettingsAreAllLoggedAndTheJobIsNeverBuilt() {
        RegistryCleanerFunction f = new RegistryCleanerFunction(Map.of("CLEAN_DRY_RUN", "perhaps",
                "KEY_VAULT_URL", "hub-kv.vault.azure.net"), fakeJob(0), recordingSink);

        JobFailedException e = assertThrows(JobFailedException.class, () -> f.run(ON_TIME, context));

        assertNull(seen.get());
        assertTrue(log.lines().contains("SEVERE registry-cleaner: setting CLEAN_DRY_RUN: 'perhaps' is not true or false"), log.text());
        assertTrue(log.lines().contains("SEVERE registry-cleaner: setting KEY_VAULT_URL: 'hub-kv.vault.azure.net' is not an https:// URL"),
                log.text());
        assertEquals("registry-cleaner: 2 setting(s) missing or invalid: setting CLEAN_DRY_RUN: 'perhaps' is not true or false "
                + "(and more, see the log)", e.getMessage());
    }

    @Test
    void aMissingTokenIsOneClearLine() {
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
