package org.helmupgradebot.clean.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Walks every repository of a backend with a fixed pool of workers and builds the inventory. A
 * repository that the catalog lists but that answers 404, or whose answer cannot be read, is noted and
 * skipped (so nothing in it is deleted); any other failure
 * (unreachable registry, bad credentials) stops the walk with the backend's one-line message.
 */
public final class InventoryCollector {
    private final int concurrency;
    private final Clock clock;
    private final RetryPolicy retry;
    private final RetryPolicy.Sleeper sleeper;

    public InventoryCollector(int concurrency, Clock clock, RetryPolicy retry, RetryPolicy.Sleeper sleeper) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.concurrency = concurrency;
        this.clock = clock;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    public InventoryCollector(int concurrency, Clock clock) {
        this(concurrency, clock, RetryPolicy.standard(), RetryPolicy.Sleeper.real());
    }

    public Inventory collect(RegistryBackend backend) {
        return collect(backend, RepositoryScope.everything(), InventoryProgress.NONE);
    }

    /** The inventory of the repositories in scope (no other repository is read), telling progress as it goes. */
    public Inventory collect(RegistryBackend backend, RepositoryScope scope, InventoryProgress progress) {
        Instant noDeadline = Instant.MAX;
        List<String> catalog;
        try {
            catalog = retry.call(backend::listRepositories, sleeper, clock, noDeadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("inventory of " + backend.describe() + " interrupted", 0, e);
        }
        List<String> repositories = catalog.stream().filter(scope::includes).toList();
        List<String> scopeNotes = scope.isEverything() ? List.of() : List.of("scope: " + scope.describe() + "; "
                + repositories.size() + " of " + catalog.size() + " repositories in scope, the others were not read;"
                + " bytes count these only, so a layer also used outside the scope counts as freed but stays");
        progress.started(repositories.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, repositories.size())));
        try {
            List<Future<List<ManifestRecord>>> futures = new ArrayList<>();
            for (String repository : repositories) {
                futures.add(pool.submit(() -> {
                    int read = 0;
                    try {
                        List<ManifestRecord> manifests = retry.call(() -> backend.listManifests(repository), sleeper,
                                clock, noDeadline);
                        read = manifests.size();
                        return manifests;
                    } finally {
                        progress.repositoryDone(read);
                    }
                }));
            }
            List<ManifestRecord> records = new ArrayList<>();
            List<String> notes = new ArrayList<>(scopeNotes);
            for (int i = 0; i < futures.size(); i++) {
                try {
                    records.addAll(futures.get(i).get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RegistryException re && re.status() == 404) {
                        notes.add("repository " + repositories.get(i) + " is in the catalog but answered 404; skipped");
                    } else if (e.getCause() instanceof UnreadableAnswerException re) {
                        notes.add("repository " + repositories.get(i) + " skipped, nothing in it deleted: "
                                + re.getMessage());
                    } else if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    } else if (e.getCause() instanceof InterruptedException) {
                        throw new InterruptedException();
                    } else {
                        throw new RegistryException("listing " + repositories.get(i) + " on " + backend.describe()
                                + " failed: " + e.getCause(), 0, e.getCause());
                    }
                }
            }
            records.sort(Comparator.comparing(ManifestRecord::repository).thenComparing(ManifestRecord::digest));
            return new Inventory(backend.describe(), InventoryTable.of("inventory", records, clock.instant()),
                    records, notes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("inventory of " + backend.describe() + " interrupted", 0, e);
        } finally {
            pool.shutdownNow();
            progress.finished();
        }
    }
}
