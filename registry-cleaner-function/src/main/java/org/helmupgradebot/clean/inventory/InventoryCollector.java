package org.helmupgradebot.clean.inventory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.helmupgradebot.shared.http.HttpFailure;

/**
 * Walks every repository of a backend with a fixed pool of workers and builds the inventory. A
 * repository that the catalog lists but that answers 404, or whose answer cannot be read, is noted and
 * skipped (so nothing in it is deleted); any other failure
 * (unreachable registry, bad credentials) stops the walk with the backend's one-line message.
 */
public final class InventoryCollector {
    private final int concurrency;
    private final Clock clock;

    /** Calls the backend once per listing: retries are the HTTP layer's (or the Azure SDK's) alone. */
    public InventoryCollector(int concurrency, Clock clock) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.concurrency = concurrency;
        this.clock = clock;
    }

    public Inventory collect(RegistryBackend backend) {
        return collect(backend, RepositoryScope.everything(), InventoryProgress.NONE);
    }

    /** The inventory of the repositories in scope (no other repository is read), telling progress as it goes. */
    public Inventory collect(RegistryBackend backend, RepositoryScope scope, InventoryProgress progress) {
        List<String> catalog = backend.listRepositories();
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
                        List<ManifestRecord> manifests = backend.listManifests(repository);
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
                    if (e.getCause() instanceof RegistryException re && re.kind() == HttpFailure.Kind.NOT_FOUND) {
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
