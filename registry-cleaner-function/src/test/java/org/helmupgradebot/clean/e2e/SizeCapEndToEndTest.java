package org.helmupgradebot.clean.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.helmupgradebot.clean.policy.ManifestKey;
import org.helmupgradebot.shared.testing.DockerRegistryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aggressive mode on the real registry: with a size cap (no age rule) the cleaner deletes the unprotected
 * images that free the most first, until under the cap; protected images (keep tag, newest per repository,
 * index children, referrers, undated) are never deleted, and when they alone exceed the cap the report says so.
 */
class SizeCapEndToEndTest {
    private static final int KEEP = 1;

    @TempDir
    Path dir;

    private static String[] args(DockerRegistryServer registry, long cap, boolean dryRun) {
        String[] a = {"--registry", registry.baseUrl().toString(), "--size-cap", String.valueOf(cap),
            "--keep", String.valueOf(KEEP), "--keep-tag", CleanScenario.KEEP_TAG, "--dry-run"};
        return dryRun ? a : java.util.Arrays.copyOf(a, a.length - 1);
    }

    @Test
    void capBelowTheTotalDeletesTheLargestFirstUntilUnderIt() {
        try (DockerRegistryServer registry = DockerRegistryServer.start()) {
            CleanScenario s = CleanScenario.seed(registry.client(), Instant.now());
            long unique = s.uniqueBytes(s.allKeys());
            long cap = unique - 500_000;
            Set<ManifestKey> expected = s.expectedCapDeletions(cap, KEEP);
            assertEquals(s.keys(Set.of("w400", "a400")), expected,
                    "the 400 kB image goes first, then the 300 kB one brings the total under the cap");

            CliRun dry = CliRun.run(dir, args(registry, cap, true));

            assertEquals(0, dry.exitCode(), dry.stdout());
            assertEquals(expected, dry.deletions());
            assertEquals(cap, dry.total("cap"));
            assertTrue(dry.total("bytesAfter") <= cap, "under the cap after the plan");
            assertEquals(s.freedBy(expected), dry.total("bytesFreed"));
            for (JsonNode d : dry.json().path("delete")) {
                assertTrue(d.path("reason").asText().contains("size cap"), d::toString);
            }
            long diskBefore = registry.diskUsageBytes();

            CliRun real = CliRun.run(dir, args(registry, cap, false));

            assertEquals(0, real.exitCode(), real.stdout());
            assertEquals(expected, real.deletions());
            Set<ManifestKey> others = new HashSet<>(s.allKeys());
            others.removeAll(expected);
            assertEquals(others, RegistryState.read(registry, s.allKeys()).resolving());
            registry.garbageCollect(false);
            long dropped = diskBefore - registry.diskUsageBytes();
            long estimate = dry.total("bytesFreed");
            assertTrue(Math.abs(dropped - estimate) <= estimate / 100,
                    "disk dropped " + dropped + " bytes, the plan estimated " + estimate);
        }
    }

    @Test
    void protectedImagesAloneOverTheCapAreReportedAndNeverDeleted() {
        try (DockerRegistryServer registry = DockerRegistryServer.start()) {
            CleanScenario s = CleanScenario.seed(registry.client(), Instant.now());
            long cap = 1_000;
            Set<ManifestKey> protectedRows = s.protectedRows(KEEP);
            Set<ManifestKey> expected = s.expectedCapDeletions(cap, KEEP);
            Set<ManifestKey> unprotected = new HashSet<>(s.allKeys());
            unprotected.removeAll(protectedRows);
            assertEquals(unprotected, expected, "every unprotected image frees something, so all go");

            CliRun dry = CliRun.run(dir, args(registry, cap, true));

            assertEquals(expected, dry.deletions());
            assertTrue(dry.total("bytesAfter") > cap);
            assertEquals(s.uniqueBytes(protectedRows), dry.total("bytesAfter"), "what is left is what is protected");
            String notes = dry.json().path("notes").toString();
            assertTrue(notes.contains("protected images alone use") && notes.contains("cannot be reached"), notes);

            CliRun real = CliRun.run(dir, args(registry, cap, false));

            assertEquals(0, real.exitCode(), real.stdout());
            assertEquals(expected.size(), real.json().path("result").path("deleted").asInt());
            Set<ManifestKey> resolving = RegistryState.read(registry, s.allKeys()).resolving();
            assertTrue(resolving.containsAll(protectedRows), "no protected manifest was deleted");
            assertEquals(protectedRows, resolving, "and every unprotected one was");
        }
    }
}
