package org.helmupgradebot.shared.oci;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.helmupgradebot.shared.http.HttpReply;
import org.helmupgradebot.shared.http.HttpRequestSpec;
import org.helmupgradebot.shared.http.RetryingHttpClient;

/**
 * A client for one OCI distribution registry ({@code /v2/} API): lists, manifests, blobs, deletes,
 * and uploads for seeding. Not-found is {@link Optional#empty()}; every other failure is an
 * {@link org.helmupgradebot.shared.http.HttpFailure} with a one-line message. Thread-safe.
 */
public final class OciRegistryClient {
    /** Page size ({@code n=}) asked of list endpoints. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** Pages read of one listing at most: a registry that keeps linking to more pages is stopped there. */
    public static final int DEFAULT_MAX_PAGES = 1000;

    private static final Pattern REPOSITORY =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private final RegistryTransport transport;
    private final RetryingHttpClient http;
    private final TagLister tags;
    private final CatalogLister catalog;
    private final ManifestPuller manifests;
    private final BlobPuller blobs;
    private final ManifestDeleter deleter;
    private final BlobPusher blobPusher;
    private final ManifestPusher manifestPusher;

    /** Anonymous access (with the bearer-token challenge answered), default page size. */
    public OciRegistryClient(URI baseUrl, RetryingHttpClient http) {
        this(baseUrl, http, Optional.empty(), DEFAULT_PAGE_SIZE);
    }

    /**
     * @param baseUrl e.g. {@code https://registry-1.docker.io}, {@code https://quay.io}, {@code http://127.0.0.1:5000}
     * @param credentials basic credentials, used for basic auth or at the token endpoint
     * @param pageSize {@code n=} for tag and catalog pages
     */
    public OciRegistryClient(URI baseUrl, RetryingHttpClient http, Optional<Credentials> credentials, int pageSize) {
        this(baseUrl, http, credentials, pageSize, DEFAULT_MAX_PAGES);
    }

    /** As above, reading at most {@code maxPages} pages of any listing. */
    public OciRegistryClient(URI baseUrl, RetryingHttpClient http, Optional<Credentials> credentials, int pageSize,
            int maxPages) {
        this(new RegistryTransport(baseUrl, http, credentials, Optional.empty()), http, pageSize, maxPages);
    }

    /**
     * A registry whose bearer tokens the caller supplies per scope (ACR's AAD exchange): every request carries the
     * token for its scope; a 401 gets one retry with a fresh token for the scope the challenge names.
     */
    public OciRegistryClient(URI baseUrl, RetryingHttpClient http, BearerTokens tokens, int pageSize) {
        this(new RegistryTransport(baseUrl, http, Optional.empty(), Optional.of(tokens)), http, pageSize,
                DEFAULT_MAX_PAGES);
    }

    private OciRegistryClient(RegistryTransport transport, RetryingHttpClient http, int pageSize, int maxPages) {
        if (pageSize < 1 || maxPages < 1) {
            throw new IllegalArgumentException("page size and page cap must be positive, were " + pageSize + ", "
                    + maxPages);
        }
        this.http = http;
        this.transport = transport;
        this.tags = new TagLister(transport, pageSize, maxPages);
        this.catalog = new CatalogLister(transport, pageSize, maxPages);
        this.manifests = new ManifestPuller(transport);
        this.blobs = new BlobPuller(transport);
        this.deleter = new ManifestDeleter(transport);
        this.blobPusher = new BlobPusher(transport, blobs);
        this.manifestPusher = new ManifestPusher(transport);
    }

    /** The base URL, without a trailing slash. */
    public URI baseUrl() {
        return transport.base();
    }

    /** HTTP requests sent through the underlying client (shared with other users of it). */
    public long requestCount() {
        return http.requestCount();
    }

    /** True when {@code GET /v2/} answers 200 (after any token challenge). */
    public boolean ping() {
        HttpReply reply = transport.send(HttpRequestSpec.get(transport.resolve("/v2/")), "");
        return reply.status() == 200;
    }

    /** Every tag of a repository, all pages, in registry order; empty when the repository is unknown. */
    public Optional<List<String>> listTags(String repository) {
        return tags.list(checkRepository(repository));
    }

    /** Every repository name ({@code /v2/_catalog}), all pages. */
    public List<String> catalog() {
        return catalog.list();
    }

    /**
     * A manifest by tag or digest, its bytes checked against the digest asked for (or, by tag, the registry's
     * {@code Docker-Content-Digest}); empty when the registry has none.
     *
     * @throws DigestMismatchException when the bytes do not hash to that digest
     */
    public Optional<Manifest> getManifest(String repository, String reference) {
        return manifests.pull(checkRepository(repository), checkReference(reference));
    }

    /**
     * The digest a tag resolves to, from a {@code HEAD} (no body); empty when the registry has none. Not yet
     * checked against content: fetch the manifest by this digest for that.
     */
    public Optional<String> manifestDigest(String repository, String reference) {
        return manifests.digest(checkRepository(repository), checkReference(reference));
    }

    /** A (small) blob's bytes, checked against its digest; empty when absent. */
    public Optional<byte[]> getBlob(String repository, String digest) {
        return blobs.pull(checkRepository(repository), checkDigest(digest));
    }

    /** A blob's size from a HEAD; empty when absent. */
    public Optional<Long> blobSize(String repository, String digest) {
        return blobs.size(checkRepository(repository), checkDigest(digest));
    }

    /**
     * Deletes a manifest by digest: {@link DeleteResult#DELETED} on 202, {@link DeleteResult#NOT_FOUND} on 404;
     * 405 throws with "deletion disabled on this registry".
     */
    public DeleteResult deleteManifest(String repository, String digest) {
        return deleter.delete(checkRepository(repository), checkDigest(digest));
    }

    /** Uploads a blob (monolithic POST + PUT) unless the repository has it; returns its digest. */
    public String pushBlob(String repository, byte[] content) {
        return blobPusher.push(checkRepository(repository), content);
    }

    /** Uploads a manifest under a tag or its digest; returns the digest the registry reports. */
    public String pushManifest(String repository, String reference, String mediaType, byte[] manifest) {
        return manifestPusher.push(checkRepository(repository), checkReference(reference), mediaType, manifest);
    }

    @Override
    public String toString() {
        return "oci " + baseUrl();
    }

    private static String checkRepository(String repository) {
        if (repository == null || !REPOSITORY.matcher(repository).matches()) {
            throw new IllegalArgumentException("invalid repository name '" + repository + "'");
        }
        return repository;
    }

    private static String checkReference(String reference) {
        if (reference == null || !(TAG.matcher(reference).matches() || Digests.isDigest(reference))) {
            throw new IllegalArgumentException("invalid tag or digest '" + reference + "'");
        }
        return reference;
    }

    private static String checkDigest(String digest) {
        if (!Digests.isDigest(digest)) {
            throw new IllegalArgumentException("invalid digest '" + digest + "'");
        }
        return digest;
    }
}
