package org.helmupgradebot.clean.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The whole cleaner, through its command line, against Debian's real docker-registry: the dry run
 * changes nothing and plans exactly the age rule; the real run deletes exactly that plan; garbage
 * collection then frees the de-duplicated estimate.
 */
class OciCleanEndToEndTest {
    private static final int MAX_AGE = 100;
    private static final int KEEP = 1;

    @TempDir
    Path dir;

    private static String[] args(DockerRegistryServer registry, boolean dryRun) {
        String[] base = {"--registry", registry.baseUrl().toString(), "--max-age-days", String.valueOf(MAX_AGE),
            "--keep", String.valueOf(KEEP), "--keep-tag", CleanScenario.KEEP_TAG, "--keep-tag", "nothing-matches"};
        if (!dryRun) {
            return base;
        }
        String[] withDry = java.util.Arrays.copyOf(base, base.length + 1);
        withDry[base.length] = "--dry-run";
        return withDry;
    }

    @Test
    void dryRunChangesNothingAndPlansExactlyTheAgeRule() {
        try (DockerRegistryServer registry = DockerRegistryServer.start()) {
            CleanScenario s = CleanScenario.seed(registry.client(), Instant.now());
            RegistryState before = RegistryState.read(registry, s.allKeys());
            assertEquals(s.allKeys(), before.resolving(), "everything seeded resolves");

            CliRun dry = CliRun.run(dir, args(registry, true));

            assertEquals(0, dry.exitCode(), dry.stdout());
            Set<ManifestKey> expected = s.expectedAgeDeletions(MAX_AGE, KEEP);
            assertEquals(s.keys(Set.of("w400", "w200", "a400", "t400")), expected, "the scenario is what it says");
            assertEquals(expected, dry.deletions());
            Set<ManifestKey> keep = new HashSet<>(s.allKeys());
            keep.removeAll(expected);
            assertEquals(keep, dry.kept());
            assertEquals(s.items.size(), dry.total("images"));
            assertEquals(s.uniqueBytes(s.allKeys()), dry.total("bytesUnique"));
            assertEquals(s.freedBy(expected), dry.total("bytesFreed"), "shared layers of kept images are not counted");
            assertTrue(dry.total("bytesNaive") > dry.total("bytesUnique"), "the naive sum counts shared layers again");
            assertTrue(dry.json().path("dryRun").asBoolean());
            assertFalse(dry.json().has("result"), "a dry run has no result");

            RegistryState after = RegistryState.read(registry, s.allKeys());
            assertEquals(before, after, "the dry run changed nothing (catalog, tags, manifests, bytes on disk)");
        }
    }

    @Test
    void realRunDeletesExactlyThePlanAndGarbageCollectionFreesTheEstimate() {
        try (DockerRegistryServer registry = DockerRegistryServer.start()) {
            CleanScenario s = CleanScenario.seed(registry.client(), Instant.now());
            CliRun dry = CliRun.run(dir, args(registry, true));
            Set<ManifestKey> plan = dry.deletions();
            assertEquals(s.expectedAgeDeletions(MAX_AGE, KEEP), plan);
            long diskBefore = registry.diskUsageBytes();

            CliRun real = CliRun.run(dir, args(registry, false));

            assertEquals(0, real.exitCode(), real.stdout());
            assertEquals(plan, real.deletions(), "the real run plans what the dry run showed");
            JsonNode result = real.json().path("result");
            assertEquals(plan.size(), result.path("deleted").asInt(), result::toString);
            assertEquals(0, result.path("alreadyGone").asInt(), result::toString);
            assertEquals(0, result.path("failed").asInt(), result::toString);

            Set<ManifestKey> others = new HashSet<>(s.allKeys());
            others.removeAll(plan);
            RegistryState after = RegistryState.read(registry, s.allKeys());
            assertEquals(others, after.resolving(), "every planned digest 404s, every other manifest resolves");
            for (ManifestKey key : plan) {
                s.items.stream().filter(i -> i.key().equals(key)).flatMap(i -> i.tags().stream()).forEach(tag ->
                        assertFalse(after.tags().getOrDefault(key.repository(), java.util.List.of()).contains(tag),
                                "tag " + tag + " of a deleted manifest is gone"));
            }
            assertEquals(diskBefore, after.diskBytes(), "deleting manifests alone frees no blob bytes");

            registry.garbageCollect(false);

            long dropped = diskBefore - registry.diskUsageBytes();
            long estimate = dry.total("bytesFreed");
            assertTrue(Math.abs(dropped - estimate) <= estimate / 100,
                    "disk dropped " + dropped + " bytes, the plan estimated " + estimate);
            assertEquals(others, RegistryState.read(registry, s.allKeys()).resolving(),
                    "garbage collection kept every manifest the plan kept");
        }
    }

    @Test
    void jsonReportHasTheDocumentedFieldsAndAResultAfterARealRun() {
        try (DockerRegistryServer registry = DockerRegistryServer.start()) {
            CleanScenario s = CleanScenario.seed(registry.client(), Instant.now());
            CliRun dry = CliRun.run(dir, args(registry, true));
            dry.assertDocumentedShape();
            assertTrue(dry.json().path("totals").path("cap").isNull(), "no cap asked");
            for (JsonNode d : dry.json().path("delete")) {
                CleanScenario.Item item = s.items.stream()
                        .filter(i -> i.digest().equals(d.path("digest").asText())).findFirst().orElseThrow();
                assertEquals(item.repository(), d.path("repository").asText());
                assertEquals(item.tags().size(), d.path("tags").size(), d::toString);
                item.tags().forEach(t -> assertTrue(d.path("tags").toString().contains("\"" + t + "\""), d::toString));
                long expectedAge = java.time.Duration.between(item.created().orElseThrow(), s.now).toDays();
                assertTrue(Math.abs(expectedAge - d.path("ageDays").asLong()) <= 1, d::toString);
                long blobs = item.blobs().values().stream().mapToLong(Long::longValue).sum();
                assertTrue(d.path("sizeBytes").asLong() > blobs && d.path("sizeBytes").asLong() < blobs + 2_000,
                        "size is config + layers + manifest: " + d);
            }
            for (JsonNode k : dry.json().path("keep")) {
                String digest = k.path("digest").asText();
                String reason = k.path("reason").asText();
                if (digest.equals(s.item("wBad").digest())) {
                    assertTrue(reason.contains("last tuesday"), "the unparseable date is named: " + reason);
                }
                if (digest.equals(s.item("wRelease").digest())) {
                    assertTrue(reason.contains("release-0.9"), "the keep tag is named: " + reason);
                }
            }

            CliRun real = CliRun.run(dir, args(registry, false));
            real.assertDocumentedShape();
            JsonNode result = real.json().path("result");
            for (String f : java.util.List.of("deleted", "alreadyGone", "failed")) {
                assertTrue(result.path(f).isIntegralNumber(), "result." + f + " in " + result);
            }
            assertEquals(real.deletions().size(),
                    result.path("deleted").asInt() + result.path("alreadyGone").asInt() + result.path("failed").asInt());
        }
    }

    @Test
    void aScopedDryRunReadsOnlyTheChosenRepositoriesAndSaysFreedBytesNeedGarbageCollection() {
        try (DockerRegistryServer registry = DockerRegistryServer.start()) {
            CleanScenario s = CleanScenario.seed(registry.client(), Instant.now());
            String[] scoped = java.util.stream.Stream.concat(java.util.Arrays.stream(args(registry, true)),
                    java.util.stream.Stream.of("--repository", "apps/.*", "--exclude-repository", CleanScenario.API))
                    .toArray(String[]::new);

            CliRun dry = CliRun.run(dir, scoped);

            assertEquals(0, dry.exitCode(), dry.stdout());
            Set<ManifestKey> web = new HashSet<>();
            s.allKeys().stream().filter(k -> k.repository().equals(CleanScenario.WEB)).forEach(web::add);
            Set<ManifestKey> expected = new HashSet<>(s.expectedAgeDeletions(MAX_AGE, KEEP));
            expected.retainAll(web);
            assertFalse(expected.isEmpty(), "the scenario deletes something in " + CleanScenario.WEB);
            assertEquals(expected, dry.deletions());
            Set<ManifestKey> seen = new HashSet<>(dry.deletions());
            seen.addAll(dry.kept());
            assertEquals(web, seen, "only " + CleanScenario.WEB + " was inventoried");
            assertEquals(1, dry.json().path("repositories").size());
            assertEquals("dry-run", dry.json().path("mode").asText());
            assertTrue(dry.json().path("totals").path("freedAfterGarbageCollection").asBoolean());
            String notes = dry.json().path("notes").toString();
            assertTrue(notes.contains("1 of 3 repositories in scope"), notes);
            assertTrue(notes.contains("garbage collection"), notes);

            CliRun withPath = CliRun.run(dir, "--registry", registry.baseUrl() + "/apps/web", "--dry-run");
            assertEquals(2, withPath.exitCode());
        }
    }
}
