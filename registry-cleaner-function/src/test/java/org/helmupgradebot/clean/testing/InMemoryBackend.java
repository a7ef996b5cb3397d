package org.helmupgradebot.clean.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.inventory.RegistryException;
import org.helmupgradebot.clean.policy.ManifestKey;

/**
 * A registry in memory, for tests: lists what it holds, deletes for real (a second delete is a 404), records
 * every delete call, and can inject faults (a share of delete calls fail with 500 or 429 before doing anything,
 * as a call does once the HTTP layer's retries are spent).
 */
public class InMemoryBackend implements RegistryBackend {
    private final Map<String, List<ManifestRecord>> repositories = new LinkedHashMap<>();
    private final Set<ManifestKey> present = ConcurrentHashMap.newKeySet();
    private final List<ManifestKey> deleteCalls = Collections.synchronizedList(new ArrayList<>());
    private final Set<ManifestKey> deleted = ConcurrentHashMap.newKeySet();
    private final Map<ManifestKey, Integer> statusOnDelete = new ConcurrentHashMap<>();
    private final AtomicInteger faults = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private double faultRate;
    private Random random = new Random(0);

    public InMemoryBackend(List<ManifestRecord> records) {
        for (ManifestRecord r : records) {
            repositories.computeIfAbsent(r.repository(), k -> new ArrayList<>()).add(r);
            present.add(ManifestKey.of(r));
        }
    }

    /** A share (0..1) of delete calls fail with 500 or 429 before touching anything. */
    public InMemoryBackend faults(double rate, long seed) {
        this.faultRate = rate;
        this.random = new Random(seed);
        return this;
    }

    /** Deleting this manifest answers with this status (e.g. 405) instead of deleting. */
    public InMemoryBackend failDelete(ManifestKey key, int status) {
        statusOnDelete.put(key, status);
        return this;
    }

    @Override
    public String describe() {
        return "memory test://registry";
    }

    private void maybeFault(String what) {
        calls.incrementAndGet();
        double roll;
        synchronized (this) {
            roll = random.nextDouble();
        }
        if (roll < faultRate) {
            faults.incrementAndGet();
            if (roll < faultRate / 2) {
                throw new RegistryException(what + " on test registry failed: HTTP 500", 500);
            }
            throw new RegistryException(what + " on test registry failed: rate limited (429)", 429);
        }
    }

    @Override
    public List<String> listRepositories() {
        return List.copyOf(repositories.keySet());
    }

    @Override
    public List<ManifestRecord> listManifests(String repository) {
        List<ManifestRecord> list = repositories.get(repository);
        if (list == null) {
            throw new RegistryException("listing " + repository + " on test registry failed: not found (404)", 404);
        }
        return list.stream().filter(r -> present.contains(ManifestKey.of(r))).toList();
    }

    @Override
    public DeleteOutcome delete(String repository, String digest) {
        ManifestKey key = new ManifestKey(repository, digest);
        deleteCalls.add(key);
        maybeFault("deleting " + repository + "@" + digest);
        Integer status = statusOnDelete.get(key);
        if (status != null) {
            throw new RegistryException("deleting " + key + " on test registry failed: HTTP " + status, status);
        }
        if (present.remove(key)) {
            deleted.add(key);
            return DeleteOutcome.DELETED;
        }
        return DeleteOutcome.ALREADY_GONE;
    }

    /** Removes a manifest behind the cleaner's back (someone else deleted it). */
    public void vanish(ManifestKey key) {
        present.remove(key);
    }

    public Set<ManifestKey> deleted() {
        return Set.copyOf(deleted);
    }

    public List<ManifestKey> deleteCalls() {
        return List.copyOf(deleteCalls);
    }

    public int faultsInjected() {
        return faults.get();
    }
}
