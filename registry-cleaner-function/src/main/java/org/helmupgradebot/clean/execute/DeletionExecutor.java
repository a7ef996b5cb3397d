package org.helmupgradebot.clean.execute;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.inventory.RegistryBackend.DeleteOutcome;
import org.helmupgradebot.clean.inventory.RegistryException;
import org.helmupgradebot.clean.plan.BlobLedger;
import org.helmupgradebot.clean.plan.Plan;
import org.helmupgradebot.clean.plan.PlanRow;
import org.helmupgradebot.clean.policy.ManifestKey;
import org.helmupgradebot.shared.http.HttpFailure;

/**
 * Executes exactly a plan's deletions with a bounded pool: counts 404 as already gone, stops starting new
 * deletions on 405 (deletion disabled), on 401/403, or at the deadline. It never deletes anything the plan
 * does not list. Each delete is one backend call: retrying 429/5xx (honouring {@code Retry-After}) is the
 * HTTP layer's job (or the Azure SDK's), so a failure's count of attempts is the true one.
 */
public final class DeletionExecutor {
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int MAX_CONCURRENCY = 32;

    private final RegistryBackend backend;
    private final int concurrency;
    private final Clock clock;
    private final Instant deadline;

    public DeletionExecutor(RegistryBackend backend, int concurrency, Clock clock, Instant deadline) {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY + ", got " + concurrency);
        }
        this.backend = backend;
        this.concurrency = concurrency;
        this.clock = clock;
        this.deadline = deadline;
    }

    /** Runs the plan's deletions; {@code records} are the inventory's, for ordering and the bytes-freed estimate. */
    public ExecutionResult execute(Plan plan, List<ManifestRecord> records) {
        AtomicInteger deleted = new AtomicInteger();
        AtomicInteger gone = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger notStarted = new AtomicInteger();
        AtomicReference<String> stop = new AtomicReference<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<ManifestKey> removed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            for (List<PlanRow> wave : waves(plan, records)) {
                List<Future<?>> running = new ArrayList<>();
                for (PlanRow row : wave) {
                    running.add(pool.submit(() -> deleteOne(row, deleted, gone, failed, notStarted, stop, failures,
                            removed)));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("deletion worker failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        BlobLedger ledger = new BlobLedger(records);
        removed.forEach(ledger::delete);
        if (notStarted.get() > 0 && stop.get() == null) {
            stop.set("deadline reached: " + notStarted.get() + " deletions left for the next run");
        }
        return new ExecutionResult(deleted.get(), gone.get(), failed.get(), notStarted.get(), ledger.freedBytes(),
                failures, Optional.ofNullable(stop.get()));
    }

    /**
     * The deletions in three waves, so that a run cut short never leaves a kept manifest pointing at a
     * deleted one: referrers first, then images and indexes, then the children of indexes deleted before.
     */
    static List<List<PlanRow>> waves(Plan plan, List<ManifestRecord> records) {
        Set<ManifestKey> planned = plan.deletionKeys();
        Set<ManifestKey> referrers = new HashSet<>();
        Set<ManifestKey> children = new HashSet<>();
        for (ManifestRecord r : records) {
            ManifestKey key = ManifestKey.of(r);
            if (!planned.contains(key)) {
                continue;
            }
            if (r.subjectDigest().isPresent()) {
                referrers.add(key);
            }
            r.childDigests().forEach(c -> children.add(new ManifestKey(r.repository(), c)));
        }
        List<List<PlanRow>> waves = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (PlanRow row : plan.deletions()) {
            ManifestKey key = new ManifestKey(row.repository(), row.digest());
            waves.get(referrers.contains(key) ? 0 : children.contains(key) ? 2 : 1).add(row);
        }
        return waves;
    }

    private void deleteOne(PlanRow row, AtomicInteger deleted, AtomicInteger gone, AtomicInteger failed,
            AtomicInteger notStarted, AtomicReference<String> stop, List<String> failures, List<ManifestKey> removed) {
        if (stop.get() != null || !clock.instant().isBefore(deadline)) {
            notStarted.incrementAndGet();
            return;
        }
        try {
            DeleteOutcome outcome = backend.delete(row.repository(), row.digest());
            (outcome == DeleteOutcome.DELETED ? deleted : gone).incrementAndGet();
            removed.add(new ManifestKey(row.repository(), row.digest()));
        } catch (RegistryException e) {
            failed.incrementAndGet();
            failures.add(row.repository() + "@" + row.digest() + ": " + e.getMessage());
            if (e.kind() == HttpFailure.Kind.NOT_ALLOWED) {
                stop.compareAndSet(null, "deletion is disabled on " + backend.describe()
                        + " (405): stopped; nothing more was deleted");
            } else if (e.kind() == HttpFailure.Kind.UNAUTHORIZED || e.kind() == HttpFailure.Kind.FORBIDDEN) {
                stop.compareAndSet(null, "not allowed to delete on " + backend.describe()
                        + " (" + e.status() + "): stopped");
            }
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            failures.add(row.repository() + "@" + row.digest() + ": unexpected " + e);
        }
    }
}
