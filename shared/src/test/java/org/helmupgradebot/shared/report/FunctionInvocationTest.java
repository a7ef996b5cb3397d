package org.helmupgradebot.shared.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.helmupgradebot.shared.report.FunctionInvocation.JobFactory;
import org.helmupgradebot.shared.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * What every timer Function does around its job (both Function classes are shells over this):
 * settings and secrets, redacted reports, stored reports, failing the invocation.
 */
class FunctionInvocationTest {
    static final String TOKEN = TestSecrets.githubToken();
    static final String ON_TIME = FakeJob.ON_TIME;

    final RecordingLogger log = new RecordingLogger("helmUpgrade");
    final FakeJob fake = new FakeJob("helm-upgrade", "github-token", "would open 1 PR", "opened 1 PR");
    final AtomicReference<JobSetup> seen = fake.seen;
    final List<JobReport> stored = fake.stored;

    FunctionInvocation invocation(Map<String, String> settings) {
        return new FunctionInvocation("helm-upgrade", "UPGRADE_DRY_RUN", settings, fake.sink);
    }

    JobFactory fakeJob(int exitCode) {
        return fake.factory(exitCode);
    }

    @Test
    void readsIsPastDueFromTheTimerJson() {
        assertTrue(FunctionInvocation.isPastDue("{\"Schedule\":{\"AdjustForDST\":true},\"IsPastDue\": true}"));
        assertFalse(FunctionInvocation.isPastDue("{\"Schedule\":{\"AdjustForDST\":true},\"IsPastDue\":false}"));
        assertFalse(FunctionInvocation.isPastDue(null));
    }

    @Test
    void realRunStoresTheRedactedReportWhenAContainerIsConfigured() {
        FunctionInvocation f = invocation(Map.of("GITHUB_TOKEN", TOKEN,
                "REPORT_CONTAINER_URL", "https://hubreports.blob.core.windows.net/reports"));
        JobFactory job = fakeJob(0);

        f.run(ON_TIME, log.logger(), job);

        assertFalse(seen.get().dryRun());
        assertEquals("INFO helm-upgrade: timer fired, isPastDue=false", log.lines().get(0));
        assertTrue(log.lines().contains("INFO opened 1 PR using ***"), log.text());
        assertTrue(log.lines().contains("INFO helm-upgrade: report stored as https://hubreports.blob.core.windows.net/reports/helm-upgrade/now.md"),
                log.text());
        assertEquals(1, stored.size());
        assertEquals("# opened 1 PR (***)", stored.get(0).markdown());
        assertEquals("{\"done\":\"opened 1 PR\",\"secret\":\"***\"}", stored.get(0).json());
        assertFalse(log.text().contains(TOKEN));
    }

    @Test
    void aFailedRunFailsTheInvocation() {
        FunctionInvocation f = invocation(Map.of("GITHUB_TOKEN", TOKEN));
        JobFactory job = fakeJob(1);

        JobFailedException e = assertThrows(JobFailedException.class, () -> f.run(ON_TIME, log.logger(), job));

        assertEquals("helm-upgrade: run failed with exit code 1; the report above says why", e.getMessage());
        assertTrue(log.lines().contains("SEVERE opened 1 PR using ***"), log.text());
    }

    @Test
    void badSettingsAreAllLoggedAndTheJobIsNeverBuilt() {
        FunctionInvocation f = invocation(Map.of("UPGRADE_DRY_RUN", "perhaps",
                "KEY_VAULT_URL", "hub-kv.vault.azure.net"));
        JobFactory job = fakeJob(0);

        JobFailedException e = assertThrows(JobFailedException.class, () -> f.run(ON_TIME, log.logger(), job));

        assertNull(seen.get());
        assertTrue(log.lines().contains("SEVERE helm-upgrade: setting UPGRADE_DRY_RUN: 'perhaps' is not true or false"), log.text());
        assertTrue(log.lines().contains("SEVERE helm-upgrade: setting KEY_VAULT_URL: 'hub-kv.vault.azure.net' is not an https:// URL"),
                log.text());
        assertEquals("helm-upgrade: 2 setting(s) missing or invalid: setting UPGRADE_DRY_RUN: 'perhaps' is not true or false "
                + "(and more, see the log)", e.getMessage());
    }

    @Test
    void theJobsOwnSettingsProblemsAreReportedWithTheHostsAtOnce() {
        FunctionInvocation f = invocation(Map.of("UPGRADE_DRY_RUN", "maybe", "UPGRADE_CONFIG", "targets: ["));
        JobFactory job = new JobFactory() {
            @Override
            public Job create(JobSetup setup) {
                throw new AssertionError("never built with bad settings");
            }

            @Override
            public List<String> settingsProblems(Map<String, String> settings) {
                return List.of("UPGRADE_CONFIG:1:10: malformed YAML: " + settings.get("UPGRADE_CONFIG").length() + " chars");
            }
        };

        JobFailedException e = assertThrows(JobFailedException.class, () -> f.run(ON_TIME, log.logger(), job));

        assertEquals(List.of("INFO helm-upgrade: timer fired, isPastDue=false",
                "SEVERE helm-upgrade: setting UPGRADE_DRY_RUN: 'maybe' is not true or false",
                "SEVERE helm-upgrade: UPGRADE_CONFIG:1:10: malformed YAML: 10 chars"), log.lines());
        assertTrue(e.getMessage().startsWith("helm-upgrade: 2 setting(s) missing or invalid"), e.getMessage());
    }

    @Test
    void aMissingTokenIsOneClearLine() {
        FunctionInvocation f = invocation(Map.of());
        JobFactory job = fakeJob(0);

        JobFailedException e = assertThrows(JobFailedException.class, () -> f.run(ON_TIME, log.logger(), job));

        assertEquals("helm-upgrade: environment variable GITHUB_TOKEN (secret 'github-token') is not set; set it, "
                + "or set KEY_VAULT_URL to read the secret from Key Vault", e.getMessage());
    }

    @Test
    void aBlobFailureFailsTheInvocationAfterTheReportWasLogged() {
        FunctionInvocation.SinkFactory broken = (s, c) -> Optional.of(r -> {
            throw new ReportSinkException("report container https://a.blob.core.windows.net/r: could not write 'x.md': HTTP 500");
        });
        FunctionInvocation inv = new FunctionInvocation("helm-upgrade", "UPGRADE_DRY_RUN",
                Map.of("REPORT_CONTAINER_URL", "https://a.blob.core.windows.net/r"), broken);
        JobFailedException e = assertThrows(JobFailedException.class, () -> inv.run("{}", log.logger(),
                setup -> () -> new JobReport("helm-upgrade", 0, "all up to date", "md", "{}")));
        assertEquals("helm-upgrade: report container https://a.blob.core.windows.net/r: could not write 'x.md': HTTP 500",
                e.getMessage());
        assertTrue(log.lines().contains("INFO all up to date"), log.text());
    }
}
