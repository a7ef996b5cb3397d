package org.helmupgradebot.clean.inventory;

import java.util.List;

/**
 * A container registry as the cleaner sees it: list repositories, list every manifest of one with
 * its metadata, delete one manifest by digest. ACR and plain OCI registries implement it; the
 * planner never knows which.
 */
public interface RegistryBackend {

    /** For messages and reports, e.g. {@code oci http://127.0.0.1:5000} or {@code acr https://x.azurecr.io}. */
    String describe();

    /**
     * True when deleting manifests frees disk space only once the registry's garbage collection runs (a
     * plain distribution registry), so reports say "bytes freed" is what that collection will free.
     */
    default boolean freesSpaceOnlyOnGarbageCollection() {
        return false;
    }

    /** Every repository name, all pages. */
    List<String> listRepositories();

    /** Every manifest of one repository the backend can see, with tags, dates, size, locks and references. */
    List<ManifestRecord> listManifests(String repository);

    /**
     * Deletes one manifest by digest.
     *
     * @return {@link DeleteOutcome#DELETED}, or {@link DeleteOutcome#ALREADY_GONE} on 404
     * @throws RegistryException on any other failure (405 deletion disabled, 401/403, 429/5xx after retries)
     */
    DeleteOutcome delete(String repository, String digest);

    /** What a delete call found. */
    enum DeleteOutcome { DELETED, ALREADY_GONE }
}
