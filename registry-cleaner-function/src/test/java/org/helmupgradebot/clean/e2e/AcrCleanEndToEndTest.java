package org.helmupgradebot.clean.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.helmupgradebot.clean.CleanRun;
import org.helmupgradebot.clean.CleanSettings;
import org.helmupgradebot.clean.inventory.acr.AcrRegistryBackend;
import org.helmupgradebot.clean.plan.PlanRow;
import org.helmupgradebot.clean.policy.CleanPolicy;
import org.helmupgradebot.clean.policy.ManifestKey;
import org.helmupgradebot.clean.report.CleanReport;
import org.helmupgradebot.clean.testing.AcrStandIn;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.oci.Credentials;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import org.helmupgradebot.shared.testing.DockerRegistryServer;
import org.helmupgradebot.shared.testing.RegistrySeeder;
import org.junit.jupiter.api.Test;

/**
 * Cleans through the ACR backend against the ACR stand-in over the real registry, seeded like the OCI end-to-end
 * tests: the plan is compared with the scenario's own model (written from the rules, not from the planner), and
 * garbage collection must free what the plan reported.
 */
class AcrCleanEndToEndTest {

    /** A registry behind the stand-in, seeded through the stand-in (so ACR knows every push). */
    private record World(DockerRegistryServer registry, AcrStandIn acr, CleanScenario scenario, RegistrySeeder seeder)
            implements AutoCloseable {
        static World start(Instant now) {
            DockerRegistryServer registry = DockerRegistryServer.start();
            AcrStandIn acr = new AcrStandIn(registry.baseUrl());
            OciRegistryClient seeding = new OciRegistryClient(acr.endpoint(),
                    new RetryingHttpClient(DockerRegistryServer.testOptions()),
                    Optional.of(new Credentials(AcrStandIn.ADMIN_USER, acr.adminPassword())), 100);
            RegistrySeeder seeder = new RegistrySeeder(seeding, 20261122L);
            return new World(registry, acr, CleanScenario.seed(seeder, now), seeder);
        }

        AcrRegistryBackend backend() {
            return AcrRegistryBackend.create(acr.endpoint().toString(), acr.credential(), null,
                    new RetryingHttpClient(DockerRegistryServer.testOptions()), 100, 100, 8);
        }

        CleanReport clean(CleanPolicy policy, boolean dryRun) {
            return new CleanRun(backend(), new CleanSettings(policy, dryRun, 1000, 4, Duration.ofMinutes(5))).execute();
        }

        @Override
        public void close() {
            acr.close();
            registry.close();
        }
    }

    private static Set<ManifestKey> deletions(CleanReport report) {
        return report.plan().deletions().stream().map(r -> new ManifestKey(r.repository(), r.digest()))
                .collect(Collectors.toSet());
    }

    @Test
    void sizeCapPlanEqualsTheGreedyModelAndGarbageCollectionFreesWhatItReported() {
        try (World w = World.start(Instant.now())) {
            CleanScenario s = w.scenario();
            CleanScenario.Item locked = s.item("a200");
            w.acr().lock(locked.repository(), locked.digest(), false, true);
            // What no cap may touch on ACR with --keep 0 and no keep tag: the lock, index children, the signature.
            Set<ManifestKey> protect = s.keys(Set.of("a200", "child1", "child2", "sig"));
            long cap = s.uniqueBytes(s.allKeys()) - 700_000;
            Set<ManifestKey> expected = s.expectedCapDeletions(cap, protect);
            assertTrue(expected.size() >= 2, "the cap needs more than one deletion: " + expected);
            CleanPolicy policy = new CleanPolicy(OptionalInt.empty(), List.of(), 0, false, OptionalLong.of(cap));

            CleanReport dry = w.clean(policy, true);

            assertEquals(expected, deletions(dry));
            assertEquals(s.uniqueBytes(s.allKeys()), dry.plan().totals().bytesUnique(), "shared layers counted once");
            assertEquals(s.freedBy(expected), dry.plan().totals().bytesFreed());
            assertFalse(dry.plan().totals().estimate(), dry.plan().notes().toString());
            assertTrue(dry.plan().notes().stream().noneMatch(n -> n.contains("protected images alone")),
                    dry.plan().notes().toString());
            long diskBefore = w.registry().diskUsageBytes();
            w.acr().resetCounts();

            CleanReport real = w.clean(policy, false);

            assertEquals(expected, deletions(real));
            assertEquals(expected.size(), real.result().orElseThrow().deleted());
            assertEquals(1, w.acr().credentialCalls(), "one credential call for the whole run");
            assertEquals(1, w.acr().count("exchange"), "one exchange for the whole run");
            w.registry().garbageCollect(false);
            long dropped = diskBefore - w.registry().diskUsageBytes();
            long reported = real.plan().totals().bytesFreed();
            assertTrue(Math.abs(dropped - reported) <= reported / 100,
                    "disk dropped " + dropped + " bytes, the plan reported " + reported);
        }
    }

    @Test
    void ageRuleDeletesOldAndUntaggedManifestsButNeverLockedOnesOrChildrenOfAKeptIndex() {
        Instant now = Instant.now();
        try (World w = World.start(now)) {
            CleanScenario s = w.scenario();
            var untagged = w.seeder().image(CleanScenario.WEB, now.minus(Duration.ofDays(300)),
                    List.of(w.seeder().layer(5_000)));
            CleanScenario.Item deleteLocked = s.item("a200");
            CleanScenario.Item writeLocked = s.item("t400");
            w.acr().lock(deleteLocked.repository(), deleteLocked.digest(), false, true);
            w.acr().lock(writeLocked.repository(), writeLocked.digest(), true, false);
            CleanPolicy policy = new CleanPolicy(OptionalInt.of(30), List.of(), 0, false, OptionalLong.empty());
            Set<ManifestKey> expected = new HashSet<>(s.keys(Set.of("w400", "w200", "wRelease", "a400")));
            expected.add(new ManifestKey(CleanScenario.WEB, untagged.digest()));

            CleanReport report = w.clean(policy, false);

            assertEquals(expected, deletions(report));
            assertEquals(0, report.result().orElseThrow().failed());
            assertTrue(w.acr().digests(CleanScenario.WEB).stream().noneMatch(d -> d.equals(untagged.digest())));
            assertTrue(w.acr().digests(deleteLocked.repository()).contains(deleteLocked.digest()));
            assertTrue(w.acr().digests(writeLocked.repository()).contains(writeLocked.digest()));
            for (String child : List.of("child1", "child2")) {
                assertTrue(w.acr().digests(CleanScenario.API).contains(s.item(child).digest()), child);
            }
            assertTrue(report.plan().kept().stream().anyMatch(r -> r.digest().equals(s.item("child1").digest())
                    && r.reason().contains("child of kept index")), report.plan().kept().toString());
            assertEquals(Set.of(), report.plan().kept().stream().filter(PlanRow::delete).collect(Collectors.toSet()));
        }
    }
}
