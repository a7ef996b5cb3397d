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
 * @param sizeBytes size as the backend reports it (ACR {@code imageSize}; OCI: config + layers + manifest)
 * @param deleteEnabled false when the manifest is locked against deletion
 * @param writeEnabled false when the manifest is locked against writes
 * @param childDigests for an index: the digests of the manifests it references
 * @param subjectDigest for a referrer (signature, SBOM): the digest of its subject
 * @param blobs blob digest to size for every blob the manifest uses (config and layers), where known; empty otherwise
 * @param problems what could not be read (e.g. an unparseable timestamp); such a row is kept, never guessed
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

    public ManifestRecord {
        tags = List.copyOf(tags);
        childDigests = List.copyOf(childDigests);
        blobs = Map.copyOf(blobs);
        problems = List.copyOf(problems);
    }

    /** The time the age rule uses: last update where known, else created. */
    public Optional<Instant> ageReference() {
        return lastUpdated.isPresent() ? lastUpdated : created;
    }
}
