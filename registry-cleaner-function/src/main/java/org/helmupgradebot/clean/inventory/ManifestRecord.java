package org.helmupgradebot.clean.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One manifest in a registry, as a backend reports it; becomes one row of the inventory table.
 *
 * @param repository repository name, e.g. {@code binder-prod/r2d-abc}
 * @param digest manifest digest, {@code sha256:…}
 * @param tags tags pointing at it (empty: untagged)
 * @param mediaType manifest media type (image manifest, index, …)
 * @param created when the image was built (config blob {@code created}, or ACR {@code createdTime}); empty when
 *     unknown or unparseable (see {@code problems})
 * @param lastUpdated last update (ACR {@code lastUpdateTime}); empty where the backend has none
 * @param sizeBytes size as the backend reports it (ACR {@code imageSize}; OCI: config + layers + manifest), or
 *     {@link #SIZE_UNKNOWN} when a reported figure is out of range (negative, or a sum past {@code Long.MAX_VALUE})
 * @param deleteEnabled false when the manifest is locked against deletion
 * @param writeEnabled false when the manifest is locked against writes
 * @param childDigests for an index: the digests of the manifests it references
 * @param subjectDigest for a referrer (signature, SBOM): the digest of its subject
 * @param blobs blob digest to size for every blob the manifest uses (config and layers), where known; empty otherwise.
 *     A blob whose size is out of range is listed with {@link #SIZE_UNKNOWN}: it still counts as used
 * @param problems what could not be read (e.g. an unparseable timestamp, a size out of range, a body that does not
 *     match its digest); such a row is kept, never guessed
 */
public record ManifestRecord(
        String repository,
        String digest,
        List<String> tags,
        String mediaType,
        Optional<Instant> created,
        Optional<Instant> lastUpdated,
        long sizeBytes,
        boolean deleteEnabled,
        boolean writeEnabled,
        List<String> childDigests,
        Optional<String> subjectDigest,
        Map<String, Long> blobs,
        List<String> problems) {

    /** The size of a manifest or blob whose reported figure is out of range. */
    public static final long SIZE_UNKNOWN = -1;

    public ManifestRecord {
        tags = List.copyOf(tags);
        childDigests = List.copyOf(childDigests);
        blobs = Map.copyOf(blobs);
        problems = List.copyOf(problems);
        if (sizeBytes < SIZE_UNKNOWN || blobs.values().stream().anyMatch(size -> size < SIZE_UNKNOWN)) {
            throw new IllegalArgumentException("a negative size other than SIZE_UNKNOWN for " + repository + "@" + digest);
        }
        if (sizeBytes == SIZE_UNKNOWN && problems.isEmpty()) {
            throw new IllegalArgumentException("a size unknown without a problem saying why for " + repository + "@"
                    + digest);
        }
    }

    /** False when the reported size was out of range; such a row carries a problem and is kept. */
    public boolean sizeKnown() {
        return sizeBytes != SIZE_UNKNOWN;
    }

    /** The time the age rule uses: last update where known, else created. */
    public Optional<Instant> ageReference() {
        return lastUpdated.isPresent() ? lastUpdated : created;
    }
}
