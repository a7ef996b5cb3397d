package org.helmupgradebot.clean.inventory.oci;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.inventory.RegistryException;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.oci.DeleteResult;
import org.helmupgradebot.shared.oci.OciRegistryClient;

/**
 * A plain OCI distribution registry as a {@link RegistryBackend}: catalog, tags, manifests and config
 * blobs through {@code /v2/}. It sees tagged manifests and the children of indexes (the API cannot list
 * untagged ones); the API has no locks, so every row is delete- and write-enabled.
 */
public final class OciRegistryBackend implements RegistryBackend {
    /** Manifest and config fetches in flight per repository by default. */
    public static final int DEFAULT_PARALLELISM = 8;

    private final OciRegistryClient client;
    private final int parallelism;

    public OciRegistryBackend(OciRegistryClient client) {
        this(client, DEFAULT_PARALLELISM);
    }

    /** @param parallelism manifest and config GETs in flight while listing one repository (1: sequential) */
    public OciRegistryBackend(OciRegistryClient client, int parallelism) {
        this.client = Objects.requireNonNull(client, "client");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.parallelism = parallelism;
    }

    @Override
    public boolean freesSpaceOnlyOnGarbageCollection() {
        return true;
    }

    @Override
    public String describe() {
        return "oci " + client.baseUrl();
    }

    @Override
    public List<String> listRepositories() {
        return call("listing repositories", client::catalog);
    }

    @Override
    public List<ManifestRecord> listManifests(String repository) {
        return call("listing manifests of " + repository, () -> {
            try (BoundedParallel pool = new BoundedParallel(parallelism)) {
                return new RepositoryWalk(client, repository, pool).records();
            }
        });
    }

    @Override
    public DeleteOutcome delete(String repository, String digest) {
        DeleteResult result = call("deleting " + repository + "@" + digest,
                () -> client.deleteManifest(repository, digest));
        return result == DeleteResult.DELETED ? DeleteOutcome.DELETED : DeleteOutcome.ALREADY_GONE;
    }

    private <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (HttpFailure f) {
            throw new RegistryException(what + " on " + describe() + " failed: " + f.getMessage(), f.kind(), f.status(), f);
        } catch (IllegalArgumentException bad) {
            throw new RegistryException(what + " on " + describe() + " failed: " + bad.getMessage(),
                    HttpFailure.Kind.BAD_RESPONSE, 0, bad);
        }
    }
}
