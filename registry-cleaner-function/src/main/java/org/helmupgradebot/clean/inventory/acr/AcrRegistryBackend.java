package org.helmupgradebot.clean.inventory.acr;

import com.azure.containers.containerregistry.ContainerRegistryClient;
import com.azure.containers.containerregistry.ContainerRegistryClientBuilder;
import com.azure.containers.containerregistry.models.ArtifactManifestProperties;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Context;
import com.azure.core.http.rest.PagedResponse;
import com.azure.containers.containerregistry.models.ArtifactManifestOrder;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.inventory.RegistryException;
import org.helmupgradebot.clean.inventory.UnreadableAnswerException;
import org.helmupgradebot.shared.http.AzureSdkHttp;
import org.helmupgradebot.clean.inventory.oci.BoundedParallel;
import org.helmupgradebot.clean.inventory.oci.Descriptor;
import org.helmupgradebot.clean.inventory.oci.ParsedManifest;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.oci.DigestMismatchException;
import org.helmupgradebot.shared.oci.Manifest;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import reactor.core.publisher.Mono;

/**
 * Azure Container Registry: its {@code /acr/v1/} API (through {@code azure-containers-containerregistry}) lists
 * every manifest, tagged or not, with size, dates, tags and locks; each manifest's body is then read from
 * {@code /v2/<repo>/manifests/<digest>} (shared OCI client, bounded and concurrent) and checked against its digest,
 * for its blobs (so shared layers count once), index children and {@code subject}. One sign-in per run: every
 * request, SDK or not, is signed by the same {@link AcrTokens}.
 */
public final class AcrRegistryBackend implements RegistryBackend {
    /** Context key under which the status policy reports the raw HTTP status of a call. */
    private static final String STATUS_KEY = "helmupgradebot.rawStatus";

    /** Page size for catalog and manifest listings (the API's own default is 100). */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** Manifest bodies read in flight per repository by default. */
    public static final int DEFAULT_PARALLELISM = 8;

    private final String endpoint;
    private final ContainerRegistryClient client;
    private final OciRegistryClient v2;
    private final int catalogPageSize;
    private final int manifestPageSize;
    private final int parallelism;

    private AcrRegistryBackend(String endpoint, ContainerRegistryClient client, OciRegistryClient v2,
            int catalogPageSize, int manifestPageSize, int parallelism) {
        this.endpoint = endpoint;
        this.client = client;
        this.v2 = v2;
        this.catalogPageSize = catalogPageSize;
        this.manifestPageSize = manifestPageSize;
        this.parallelism = parallelism;
    }

    /** A backend for {@code https://<name>.azurecr.io} with this credential. */
    public static AcrRegistryBackend create(String endpoint, TokenCredential credential) {
        return create(endpoint, credential, null, new RetryingHttpClient(HttpOptions.defaults()), DEFAULT_PAGE_SIZE,
                DEFAULT_PAGE_SIZE, DEFAULT_PARALLELISM);
    }

    /**
     * As {@link #create(String, TokenCredential)}, over a given SDK HTTP client (null: the SDK's default) and shared
     * HTTP client (sign-in and {@code /v2/} reads), with page sizes for the catalog and the manifest lists and the
     * number of manifest bodies read in flight per repository.
     */
    public static AcrRegistryBackend create(String endpoint, TokenCredential credential, HttpClient sdkHttpClient,
            RetryingHttpClient http, int catalogPageSize, int manifestPageSize, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        AcrTokens tokens = new AcrTokens(URI.create(endpoint), http, credential, Clock.systemUTC());
        // The SDK's own pipeline would sign in again for every repository: this one signs with the run's tokens.
        HttpPipeline pipeline = new HttpPipelineBuilder()
                .httpClient(sdkHttpClient != null ? sdkHttpClient : HttpClient.createDefault(AzureSdkHttp.clientOptions()))
                .policies(
                        // Signing sits before the retries, so a failed sign-in is never retried by the SDK.
                        new AcrAuthPolicy(tokens),
                        // The one layer that retries ACR's SDK calls (429/5xx, honouring Retry-After): shared bounds.
                        new RetryPolicy(AzureSdkHttp.retryOptions()
                                .setShouldRetryCondition(AcrRegistryBackend::worthRetrying)),
                        new RawStatusPolicy(),
                        new CatalogLinkPolicy())
                .build();
        ContainerRegistryClient sdk = new ContainerRegistryClientBuilder().endpoint(endpoint).pipeline(pipeline)
                .buildClient();
        OciRegistryClient v2 = new OciRegistryClient(URI.create(endpoint), http, tokens, manifestPageSize);
        return new AcrRegistryBackend(endpoint, sdk, v2, catalogPageSize, manifestPageSize, parallelism);
    }

    /**
     * 408, 429 and 5xx (not 501/505) and network errors; never an authentication failure, which the SDK
     * would otherwise retry after waiting out its token cache (half a minute each time).
     */
    static boolean worthRetrying(RequestRetryCondition condition) {
        if (condition.getResponse() != null) {
            int status = condition.getResponse().getStatusCode();
            return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
        }
        for (Throwable t = condition.getThrowable(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClientAuthenticationException || t instanceof HttpResponseException) {
                return false;
            }
        }
        return condition.getThrowable() != null;
    }

    @Override
    public String describe() {
        return "acr " + endpoint;
    }

    @Override
    public List<String> listRepositories() {
        try {
            List<String> names = new ArrayList<>();
            client.listRepositoryNames().iterableByPage(catalogPageSize).forEach(page -> names.addAll(page.getValue()));
            return names;
        } catch (RuntimeException e) {
            throw map("listing repositories", e);
        }
    }

    @Override
    public List<ManifestRecord> listManifests(String repository) {
        List<ArtifactManifestProperties> listed = new ArrayList<>();
        try {
            Iterable<PagedResponse<ArtifactManifestProperties>> pages = client.getRepository(repository)
                    .listManifestProperties(ArtifactManifestOrder.LAST_UPDATED_ON_ASCENDING)
                    .iterableByPage(manifestPageSize);
            for (PagedResponse<ArtifactManifestProperties> page : pages) {
                listed.addAll(page.getValue());
            }
        } catch (RuntimeException e) {
            throw map("listing manifests of " + repository, e);
        }
        try (BoundedParallel pool = new BoundedParallel(parallelism)) {
            return pool.map(listed, p -> toRecord(repository, p, body(repository, p.getDigest())));
        }
    }

    /** A manifest's body from {@code /v2/}, checked against its digest: parsed, or why it could not be. */
    private Body body(String repository, String digest) {
        try {
            Optional<Manifest> manifest = v2.getManifest(repository, digest);
            if (manifest.isEmpty()) {
                return Body.problem("its body is not at /v2/" + repository + "/manifests/" + digest
                        + " (deleted since the listing?)");
            }
            ParsedManifest parsed = ParsedManifest.of(manifest.get());
            return parsed.problem().isPresent() ? Body.problem(parsed.problem().get())
                    : new Body(Optional.of(parsed), manifest.get().mediaType(), Optional.empty());
        } catch (DigestMismatchException e) {
            return Body.problem(ParsedManifest.untrusted(e));
        } catch (HttpFailure f) {
            throw new RegistryException("reading " + repository + "@" + digest + " on " + endpoint + " failed: "
                    + f.getMessage(), f.status(), f);
        } catch (IllegalArgumentException bad) {
            return Body.problem("cannot read its body: " + bad.getMessage());
        }
    }

    /** A manifest body as parsed, its media type, or the problem that stands in for both. */
    record Body(Optional<ParsedManifest> parsed, String mediaType, Optional<String> problem) {
        static Body problem(String why) {
            return new Body(Optional.empty(), "", Optional.of(why));
        }
    }

    static ManifestRecord toRecord(String repository, ArtifactManifestProperties p, Body body) {
        List<String> problems = new ArrayList<>();
        body.problem().ifPresent(problems::add);
        if (p.getCreatedOn() == null && p.getLastUpdatedOn() == null) {
            problems.add("ACR gave no createdTime or lastUpdateTime");
        }
        if (p.isDeleteEnabled() == null || p.isWriteEnabled() == null) {
            problems.add("ACR gave no lock attributes");
        }
        long size = p.getSizeInBytes() == null ? 0 : p.getSizeInBytes();
        Map<String, Long> blobs = body.parsed().map(ParsedManifest::blobs).orElse(Map.of());
        boolean blobsInRange = body.parsed().map(b -> b.blobBytes().isPresent()).orElse(true);
        if (size < 0 || !blobsInRange) {
            size = ManifestRecord.SIZE_UNKNOWN;
            problems.add("size unknown: imageSize or a blob size is out of range (negative, or past 2^63 bytes)");
        }
        List<String> children = body.parsed().map(b -> b.children().stream().map(Descriptor::digest).toList())
                .orElse(List.of());
        return new ManifestRecord(
                repository,
                p.getDigest(),
                p.getTags() == null ? List.of() : p.getTags(),
                body.mediaType(),
                Optional.ofNullable(p.getCreatedOn()).map(OffsetDateTime::toInstant),
                Optional.ofNullable(p.getLastUpdatedOn()).map(OffsetDateTime::toInstant),
                size,
                !Boolean.FALSE.equals(p.isDeleteEnabled()),
                !Boolean.FALSE.equals(p.isWriteEnabled()),
                children,
                body.parsed().flatMap(ParsedManifest::subject),
                blobs,
                problems);
    }

    @Override
    public DeleteOutcome delete(String repository, String digest) {
        AtomicInteger status = new AtomicInteger();
        try {
            // The SDK turns a 404 into success; the status policy tells us what the registry really said.
            client.getArtifact(repository, digest).deleteWithResponse(new Context(STATUS_KEY, status));
            return status.get() == 404 ? DeleteOutcome.ALREADY_GONE : DeleteOutcome.DELETED;
        } catch (RuntimeException e) {
            RegistryException mapped = map("deleting " + repository + "@" + digest, e);
            if (mapped.kind() == HttpFailure.Kind.NOT_FOUND) {
                return DeleteOutcome.ALREADY_GONE;
            }
            throw mapped;
        }
    }

    private RegistryException map(String operation, RuntimeException e) {
        String where = operation + " on " + endpoint;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AcrTokens.AcrSignInException signIn) {
                return new RegistryException(where + " failed: " + signIn.getMessage(), signIn.status(), signIn);
            }
            if (t instanceof RegistryException already) {
                return already;
            }
        }
        if (e instanceof HttpResponseException http && http.getResponse() != null) {
            HttpResponse response = http.getResponse();
            int status = response.getStatusCode();
            if (status >= 200 && status < 300) {
                // The SDK could not deserialise a successful answer (e.g. a timestamp that does not parse).
                return new UnreadableAnswerException(where + " failed: could not read the answer ("
                        + rootCause(e) + ")", e);
            }
            String what = switch (status) {
                case 401 -> "bad or missing credentials (401)";
                case 403 -> "not allowed (403)";
                case 404 -> "not found (404)";
                case 405 -> "deletion is disabled (405)";
                case 429 -> "rate limited (429)";
                default -> "HTTP " + status;
            };
            return new RegistryException(where + " failed: " + what, status, e);
        }
        if (e instanceof ClientAuthenticationException) {
            return new RegistryException(where + " failed: could not get a token (check the credential)", 401, e);
        }
        return new RegistryException(where + " failed: cannot reach the registry (" + rootCause(e) + ")", 0, e);
    }

    /** The innermost cause as {@code Type: first line of message}. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse(""));
    }

    /** Records the raw status of a call in its context, when the caller asked for it. */
    private static final class RawStatusPolicy implements HttpPipelinePolicy {
        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            return next.process().doOnNext(response -> record(context, response));
        }

        @Override
        public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
            HttpResponse response = next.processSync();
            record(context, response);
            return response;
        }

        private static void record(HttpPipelineCallContext context, HttpResponse response) {
            context.getData(STATUS_KEY).ifPresent(holder -> ((AtomicInteger) holder).set(response.getStatusCode()));
        }
    }
}
