package org.helmupgradebot.clean.inventory.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Maps a list through a function with at most N calls in flight, keeping order; the first failure is rethrown. */
public final class BoundedParallel implements AutoCloseable {
    private final ExecutorService pool;

    public BoundedParallel(int parallelism) {
        this.pool = parallelism <= 1 ? null : Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "oci-inventory");
            t.setDaemon(true);
            return t;
        });
    }

    public <A, B> List<B> map(List<A> items, Function<A, B> f) {
        List<B> out = new ArrayList<>(items.size());
        if (pool == null || items.size() < 2) {
            for (A a : items) {
                out.add(f.apply(a));
            }
            return out;
        }
        List<Future<B>> futures = new ArrayList<>(items.size());
        for (A a : items) {
            futures.add(pool.submit(() -> f.apply(a)));
        }
        try {
            for (Future<B> future : futures) {
                out.add(future.get());
            }
            return out;
        } catch (ExecutionException e) {
            futures.forEach(fu -> fu.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            futures.forEach(fu -> fu.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the registry", e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
