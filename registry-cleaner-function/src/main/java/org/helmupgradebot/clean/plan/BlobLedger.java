package org.helmupgradebot.clean.plan;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helmupgradebot.clean.inventory.ByteSizes;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.policy.ManifestKey;

/**
 * Byte accounting per unique blob: a registry stores each blob once, so a deletion frees only the
 * blobs no remaining manifest uses. Where a backend gives no blobs for a manifest, its reported size
 * stands in as one blob of its own (an estimate); an index whose children are listed contributes no
 * bytes of its own, since its reported size is theirs. A size out of range counts as 0 bytes (an estimate);
 * such a blob still counts as used. Totals are overflow-checked.
 */
public final class BlobLedger {
    private final Map<ManifestKey, Map<String, Long>> blobsOf = new LinkedHashMap<>();
    private final Map<String, Long> blobSize = new HashMap<>();
    private final Map<String, Integer> remainingUsers = new HashMap<>();
    private final Set<ManifestKey> deleted = new HashSet<>();
    private final boolean estimate;
    private final long uniqueTotal;
    private long remainingBytes;

    public BlobLedger(List<ManifestRecord> records) {
        Set<ManifestKey> present = new HashSet<>();
        records.forEach(r -> present.add(ManifestKey.of(r)));
        boolean anyEstimate = false;
        for (ManifestRecord r : records) {
            ManifestKey key = ManifestKey.of(r);
            Map<String, Long> blobs;
            if (!r.blobs().isEmpty()) {
                blobs = r.blobs();
            } else if (!r.childDigests().isEmpty() && r.childDigests().stream()
                    .anyMatch(c -> present.contains(new ManifestKey(r.repository(), c)))) {
                blobs = Map.of();
            } else {
                blobs = Map.of("manifest:" + key, Math.max(0, r.sizeBytes()));
                anyEstimate = true;
            }
            anyEstimate |= !r.sizeKnown() || blobs.containsValue(ManifestRecord.SIZE_UNKNOWN);
            blobsOf.put(key, blobs);
            blobs.forEach((digest, size) -> {
                blobSize.merge(digest, Math.max(0, size), Math::max);
                remainingUsers.merge(digest, 1, Integer::sum);
            });
        }
        this.estimate = anyEstimate;
        this.uniqueTotal = blobSize.values().stream().mapToLong(Long::longValue).reduce(0, ByteSizes::add);
        this.remainingBytes = uniqueTotal;
    }

    /** True when some manifest's bytes came from its reported size rather than its blobs. */
    public boolean estimate() {
        return estimate;
    }

    /** Bytes of all unique blobs before any deletion. */
    public long uniqueTotal() {
        return uniqueTotal;
    }

    /** Bytes of the unique blobs still used by a manifest not deleted. */
    public long remainingBytes() {
        return remainingBytes;
    }

    /** Bytes the deletions so far free. */
    public long freedBytes() {
        return uniqueTotal - remainingBytes;
    }

    /** Bytes deleting this manifest would free now: its blobs no other remaining manifest uses. */
    public long gain(ManifestKey key) {
        if (deleted.contains(key)) {
            return 0;
        }
        long gain = 0;
        for (Map.Entry<String, Long> blob : blobsOf.getOrDefault(key, Map.of()).entrySet()) {
            if (remainingUsers.get(blob.getKey()) == 1) {
                gain = ByteSizes.add(gain, blobSize.get(blob.getKey()));
            }
        }
        return gain;
    }

    /**
     * Bytes that deleting this manifest together with the given other candidates could free: its blobs whose
     * remaining users are all candidates.
     */
    public long potential(ManifestKey key, Map<String, Integer> candidateUsers) {
        long potential = 0;
        for (Map.Entry<String, Long> blob : blobsOf.getOrDefault(key, Map.of()).entrySet()) {
            if (remainingUsers.get(blob.getKey()).equals(candidateUsers.get(blob.getKey()))) {
                potential = ByteSizes.add(potential, blobSize.get(blob.getKey()));
            }
        }
        return potential;
    }

    /** How many of these manifests use each blob. */
    public Map<String, Integer> usersAmong(Collection<ManifestKey> keys) {
        Map<String, Integer> users = new HashMap<>();
        for (ManifestKey key : keys) {
            if (!deleted.contains(key)) {
                blobsOf.getOrDefault(key, Map.of()).keySet().forEach(b -> users.merge(b, 1, Integer::sum));
            }
        }
        return users;
    }

    /** Unique bytes used by these manifests together. */
    public long uniqueBytesOf(Collection<ManifestKey> keys) {
        Set<String> blobs = new HashSet<>();
        keys.forEach(k -> blobs.addAll(blobsOf.getOrDefault(k, Map.of()).keySet()));
        return blobs.stream().mapToLong(blobSize::get).reduce(0, ByteSizes::add);
    }

    /** Records the deletion of one manifest; returns the bytes it freed. */
    public long delete(ManifestKey key) {
        if (!deleted.add(key)) {
            return 0;
        }
        long freed = 0;
        for (String blob : blobsOf.getOrDefault(key, Map.of()).keySet()) {
            int left = remainingUsers.merge(blob, -1, Integer::sum);
            if (left == 0) {
                freed = ByteSizes.add(freed, blobSize.get(blob));
            }
        }
        remainingBytes -= freed;
        return freed;
    }
}
