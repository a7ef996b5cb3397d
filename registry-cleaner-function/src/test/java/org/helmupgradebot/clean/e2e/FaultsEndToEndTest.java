package org.helmupgradebot.clean.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.helmupgradebot.clean.inventory.InventoryProgress;
import org.helmupgradebot.clean.CleanRun;
import org.helmupgradebot.clean.CleanSettings;
import org.helmupgradebot.clean.execute.ExecutionResult;
import org.helmupgradebot.clean.inventory.oci.OciRegistryBackend;
import org.helmupgradebot.clean.plan.Plan;
import org.helmupgradebot.clean.policy.CleanPolicy;
import org.helmupgradebot.clean.policy.ManifestKey;
import org.helmupgradebot.clean.report.CleanReport;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.http.Sleeper;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import org.helmupgradebot.shared.testing.DockerRegistryServer;
import org.junit.jupiter.api.Test;

/**
 * The cleaner through a proxy that answers about 20% of requests with 500 or 429 and adds latency: the plan
 * equals the plan read without faults, and the real run deletes exactly it, checked directly on the registry.
 */
class FaultsEndToEndTest {
    private static final double FAULT_RATE = 0.2;
    /**
     * A fixed "now": the seeded images' bytes (and so their digests and the request lines the proxy draws
     * its faults from) depend on it, so with it fixed the same requests fail on every run.
     */
    private static final Instant FIXED_NOW = Instant.parse("2026-11-01T12:00:00Z");
    private static final CleanPolicy POLICY = new CleanPolicy(OptionalInt.of(100),
            List.of(Pattern.compile(CleanScenario.KEEP_TAG)), 1, false, OptionalLong.empty());
    /** The HTTP layer is the only one that retries: eight attempts, so a 20% fault rate never exhausts them. */
    private static final HttpOptions FAST_RETRIES = DockerRegistryServer.testOptions().withMaxAttempts(8)
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(40));
    /** Short waits so a test with hundreds of injected faults stays quick (the proxy's Retry-After: 1 too). */
    private static final Sleeper SHORT_SLEEPS = d -> Thread.sleep(Math.min(d.toMillis(), 20));

    private static CleanReport clean(URI registry, boolean dryRun, Clock clock) {
        OciRegistryBackend backend = new OciRegistryBackend(new OciRegistryClient(registry,
                new RetryingHttpClient(FAST_RETRIES, SHORT_SLEEPS, Clock.systemUTC())));
        CleanSettings settings = new CleanSettings(POLICY, dryRun, CleanSettings.DEFAULT_MAX_DELETIONS, 8,
                Duration.ofMinutes(5));
        return new CleanRun(backend, settings, clock, InventoryProgress.NONE).execute();
    }

    private static void assertSamePlan(Plan expected, Plan actual) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.totals(), actual.totals());
        assertEquals(expected.notes(), actual.notes());
    }

    @Test
    void planThroughFaultsEqualsThePlanWithout() {
        try (DockerRegistryServer registry = DockerRegistryServer.start();
                FaultInjectingProxy proxy = new FaultInjectingProxy(registry.baseUrl(), 7, FAULT_RATE, 15)) {
            Instant now = FIXED_NOW;
            CleanScenario s = CleanScenario.seed(registry.client(), now);
            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            Plan direct = clean(registry.baseUrl(), true, clock).plan();
            assertEquals(s.expectedAgeDeletions(100, 1), direct.deletionKeys());

            CleanReport throughFaults = clean(proxy.baseUrl(), true, clock);

            assertSamePlan(direct, throughFaults.plan());
            assertTrue(throughFaults.notes().isEmpty(), throughFaults.notes()::toString);
            assertTrue(proxy.faults() >= proxy.requests() / 10,
                    "faults were injected: " + proxy.faults() + " of " + proxy.requests());
        }
    }

    @Test
    void realRunThroughFaultsDeletesExactlyThePlanAndNothingElse() {
        for (long seed : new long[] {11, 12}) {
            try (DockerRegistryServer registry = DockerRegistryServer.start();
                    FaultInjectingProxy proxy = new FaultInjectingProxy(registry.baseUrl(), seed, FAULT_RATE, 15)) {
                Instant now = FIXED_NOW;
                CleanScenario s = CleanScenario.seed(registry.client(), now);
                Clock clock = Clock.fixed(now, ZoneOffset.UTC);
                Plan plan = clean(registry.baseUrl(), true, clock).plan();
                Set<ManifestKey> planned = plan.deletionKeys();
                assertFalse(planned.isEmpty());

                CleanReport report = clean(proxy.baseUrl(), false, clock);

                assertSamePlan(plan, report.plan());
                ExecutionResult result = report.result().orElseThrow();
                assertEquals(0, result.failed(), result.failures()::toString);
                assertEquals(planned.size(), result.deleted() + result.alreadyGone(), result::toString);
                Set<ManifestKey> others = new HashSet<>(s.allKeys());
                others.removeAll(planned);
                assertEquals(others, RegistryState.read(registry, s.allKeys()).resolving(),
                        "seed " + seed + ": exactly the plan is gone (read directly from the registry)");
                assertTrue(proxy.faults() >= proxy.requests() / 10,
                        "faults were injected: " + proxy.faults() + " of " + proxy.requests());
            }
        }
    }
}
