package org.helmupgradebot.clean.inventory;

import static org.helmupgradebot.clean.testing.Images.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.helmupgradebot.clean.testing.Images;
import org.helmupgradebot.clean.testing.InMemoryBackend;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The inventory walk: bounded concurrency, one table row per manifest, 404 repositories noted, failures stop it. */
class InventoryCollectorTest {
    static final Clock CLOCK = Clock.fixed(Images.NOW, ZoneOffset.UTC);

    static List<ManifestRecord> records(int repos, int perRepo) {
        List<ManifestRecord> list = new ArrayList<>();
        for (int r = 0; r < repos; r++) {
            for (int i = 0; i < perRepo; i++) {
                list.add(image("repo" + r, "r" + r + "m" + i + "z").ageDays(r * 10L + i).blob("x" + r + "_" + i, 100L * (i + 1))
                        .tags(i == 0 ? new String[] {"latest", "v" + r} : new String[0]).build());
            }
        }
        return list;
    }

    @Test
    void walksEveryRepositoryWithBoundedConcurrencyIntoOneRowPerManifest() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        InMemoryBackend backend = new InMemoryBackend(records(20, 5)) {
            @Override
            public List<ManifestRecord> listManifests(String repository) {
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                    return super.listManifests(repository);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        };

        Inventory inventory = new InventoryCollector(4, CLOCK).collect(backend);

        assertTrue(peak.get() <= 4, "peak " + peak.get());
        assertTrue(peak.get() >= 2, "runs in parallel, peak " + peak.get());
        Table table = inventory.table();
        assertEquals(100, table.rowCount());
        assertEquals(100, inventory.records().size());
        assertEquals(List.of("repository", "digest", "tags", "mediaType", "created", "lastUpdated", "ageDays",
                "sizeBytes", "deleteEnabled", "writeEnabled", "children", "subject", "problems"), table.columnNames());
        Table oldest = table.sortDescendingOn("ageDays");
        assertEquals(194, oldest.longColumn("ageDays").get(0));
        assertEquals("repo19", oldest.stringColumn("repository").get(0));
        Table largest = table.sortDescendingOn("sizeBytes");
        assertEquals(500, largest.longColumn("sizeBytes").get(0));
        assertEquals(20, table.where(table.stringColumn("tags").isNotEqualTo("")).rowCount());
    }

    @Test
    void aRepositoryInTheCatalogThatAnswers404IsNotedAndSkipped() {
        InMemoryBackend backend = new InMemoryBackend(records(3, 2)) {
            @Override
            public List<String> listRepositories() {
                List<String> names = new ArrayList<>(super.listRepositories());
                names.add("ghost");
                return names;
            }
        };

        Inventory inventory = new InventoryCollector(2, CLOCK).collect(backend);

        assertEquals(6, inventory.records().size());
        assertEquals(List.of("repository ghost is in the catalog but answered 404; skipped"), inventory.notes());
    }

    @Test
    void anUnreadableRepositoryIsNotedAndSkippedAndTheWalkGoesOn() {
        InMemoryBackend backend = new InMemoryBackend(records(3, 2)) {
            @Override
            public List<ManifestRecord> listManifests(String repository) {
                if (repository.equals("repo1")) {
                    throw new UnreadableAnswerException("listing manifests of repo1 on test failed: could not read the "
                            + "answer (DateTimeParseException: Text 'yesterday' could not be parsed)", null);
                }
                return super.listManifests(repository);
            }
        };

        Inventory inventory = new InventoryCollector(2, CLOCK).collect(backend);

        assertEquals(4, inventory.records().size());
        assertTrue(inventory.records().stream().noneMatch(r -> r.repository().equals("repo1")));
        assertEquals(1, inventory.notes().size());
        assertTrue(inventory.notes().get(0).startsWith("repository repo1 skipped, nothing in it deleted: "));
        assertTrue(inventory.notes().get(0).contains("'yesterday'"));
    }

    @Test
    void badCredentialsStopTheWalkWithTheBackendsLine() {
        InMemoryBackend backend = new InMemoryBackend(records(3, 2)) {
            @Override
            public List<ManifestRecord> listManifests(String repository) {
                throw new RegistryException("listing manifests of " + repository
                        + " on test failed: bad or missing credentials (401)", 401);
            }
        };

        RegistryException e = assertThrows(RegistryException.class,
                () -> new InventoryCollector(2, CLOCK).collect(backend));

        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("bad or missing credentials"));
    }

    @Test
    void unknownDatesLeaveAgeMissingInTheTable() {
        Inventory inventory = new InventoryCollector(1, CLOCK).collect(new InMemoryBackend(
                List.of(image("r", "nodate").noDate().blob("a", 1).build())));

        assertEquals(-1, inventory.table().longColumn("ageDays").get(0));
        assertTrue(inventory.table().instantColumn("created").isMissing(0));
    }

    @Test
    void repositoriesOutOfScopeAreNeverRead() {
        List<String> read = new java.util.concurrent.CopyOnWriteArrayList<>();
        InMemoryBackend backend = new InMemoryBackend(records(5, 2)) {
            @Override
            public List<ManifestRecord> listManifests(String repository) {
                read.add(repository);
                return super.listManifests(repository);
            }
        };
        RepositoryScope scope = new RepositoryScope(List.of(java.util.regex.Pattern.compile("repo[0-3]")),
                List.of(java.util.regex.Pattern.compile("repo2")));

        Inventory inventory = new InventoryCollector(2, CLOCK).collect(backend, scope, InventoryProgress.NONE);

        assertEquals(java.util.Set.of("repo0", "repo1", "repo3"), java.util.Set.copyOf(read));
        assertEquals(3, read.size());
        assertEquals(java.util.Set.of("repo0", "repo1", "repo3"),
                java.util.Set.copyOf(inventory.table().stringColumn(InventoryTable.REPOSITORY).asList()));
        assertEquals(6, inventory.records().size());
        assertTrue(inventory.notes().get(0).startsWith("scope: repositories matching repo[0-3] except repo2; 3 of 5"
                + " repositories in scope, the others were not read; bytes count these only"), inventory.notes().toString());
    }

    @Test
    void aScopePatternMatchesWholeNames() {
        RepositoryScope scope = new RepositoryScope(List.of(java.util.regex.Pattern.compile("binder-prod/r2d-.*")), List.of());

        assertTrue(scope.includes("binder-prod/r2d-abc"));
        assertTrue(!scope.includes("other/binder-prod/r2d-abc"));
        assertTrue(!scope.includes("binder-prod"));
        assertTrue(RepositoryScope.everything().includes("anything/at-all"));
    }

    @Test
    void progressHearsEveryRepositoryAndItsManifests() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        InventoryProgress progress = new InventoryProgress() {
            @Override
            public void started(int repositories) {
                events.add("started " + repositories);
            }

            @Override
            public void repositoryDone(int manifests) {
                events.add("done " + manifests);
            }

            @Override
            public void finished() {
                events.add("finished");
            }
        };

        new InventoryCollector(3, CLOCK).collect(new InMemoryBackend(records(4, 5)),
                new RepositoryScope(List.of(), List.of(java.util.regex.Pattern.compile("repo0"))), progress);

        assertEquals(List.of("started 3", "done 5", "done 5", "done 5", "finished"), events);
    }
}
