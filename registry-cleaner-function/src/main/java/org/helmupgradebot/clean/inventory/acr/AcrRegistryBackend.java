package org.helmupgradebot.clean.inventory.acr;

import com.azure.containers.containerregistry.ContainerRegistryClient;
import com.azure.containers.containerregistry.ContainerRegistryClientBuilder;
import com.azure.containers.containerregistry.models.ArtifactManifestPlatform;
import com.azure.containers.containerregistry.models.ArtifactManifestProperties;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.util.Context;
import com.azure.core.http.rest.PagedResponse;
import com.azure.containers.containerregistry.models.ArtifactManifestOrder;
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
import reactor.core.publisher.Mono;

/**
 * Azure Container Registry through {@code azure-containers-containerregistry}: its {@code /acr/v1/} API
 * lists every manifest (tagged or not) with size, dates, tags and locks. It gives no blob list and no
 * {@code subject}, so byte figures are estimates from {@code imageSize}; indexes are fetched once more
 * for their children.
 */
public final class AcrRegistryBackend implements RegistryBackend {
    /** Context key under which the status policy reports the raw HTTP status of a call. */
    private static final String STATUS_KEY = "helmupgradebot.rawStatus";

    /** Page size for catalog and manifest listings (the API's own default is 100). */
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final String endpoint;
    private final ContainerRegistryClient client;
    private final int catalogPageSize;
    private final int manifestPageSize;

    private AcrRegistryBackend(String endpoint, ContainerRegistryClient client, int catalogPageSize,
            int manifestPageSize) {
        this.endpoint = endpoint;
        this.client = client;
        this.catalogPageSize = catalogPageSize;
        this.manifestPageSize = manifestPageSize;
    }

    /** A backend for {@code https://<name>.azurecr.io} with this credential. */
    public static AcrRegistryBackend create(String endpoint, TokenCredential credential) {
        return create(endpoint, credential, null, DEFAULT_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    }

    /**
     * As {@link #create(String, TokenCredential)}, over a given HTTP client (null: the SDK's default; tests pass
     * one trusting a local certificate) and page sizes for the catalog and the manifest lists.
     */
    public static AcrRegistryBackend create(String endpoint, TokenCredential credential, HttpClient httpClient,
            int catalogPageSize, int manifestPageSize) {
        ContainerRegistryClientBuilder builder = new ContainerRegistryClientBuilder()
                .endpoint(endpoint)
                .credential(credential)
                // The SDK's pipeline is the one layer that retries ACR calls (429/5xx, honouring Retry-After).
                .clientOptions(AzureSdkHttp.clientOptions())
                .retryOptions(AzureSdkHttp.retryOptions().setShouldRetryCondition(AcrRegistryBackend::worthRetrying))
                .addPolicy(new RawStatusPolicy())
                .addPolicy(new CatalogLinkPolicy());
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        return new AcrRegistryBackend(endpoint, builder.buildClient(), catalogPageSize, manifestPageSize);
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
        try {
            List<ManifestRecord> records = new ArrayList<>();
            Iterable<PagedResponse<ArtifactManifestProperties>> pages = client.getRepository(repository)
                    .listManifestProperties(ArtifactManifestOrder.LAST_UPDATED_ON_ASCENDING)
                    .iterableByPage(manifestPageSize);
            for (PagedResponse<ArtifactManifestProperties> page : pages) {
                for (ArtifactManifestProperties p : page.getValue()) {
                    records.add(withChildren(repository, p));
                }
            }
            return records;
        } catch (RuntimeException e) {
            throw map("listing manifests of " + repository, e);
        }
    }

    /** The list call carries no references: a manifest without a platform may be an index, so ask for it. */
    private ManifestRecord withChildren(String repository, ArtifactManifestProperties p) {
        if (p.getArchitecture() != null || p.getOperatingSystem() != null) {
            return toRecord(repository, p, List.of(), List.of());
        }
        try {
            List<ArtifactManifestPlatform> related =
                    client.getArtifact(repository, p.getDigest()).getManifestProperties().getRelatedArtifacts();
            List<String> children = related == null ? List.of()
                    : related.stream().map(ArtifactManifestPlatform::getDigest).toList();
            return toRecord(repository, p, children, List.of());
        } catch (RuntimeException e) {
            RegistryException mapped = map("reading " + repository + "@" + p.getDigest(), e);
            if (mapped.status() != 404) {
                throw mapped;
            }
            // Gone or unreadable since the listing: keep it, say why.
            return toRecord(repository, p, List.of(), List.of("could not read its references: " + mapped.getMessage()));
        }
    }

    static ManifestRecord toRecord(String repository, ArtifactManifestProperties p, List<String> children,
            List<String> earlierProblems) {
        List<String> problems = new ArrayList<>(earlierProblems);
        if (p.getCreatedOn() == null && p.getLastUpdatedOn() == null) {
            problems.add("ACR gave no createdTime or lastUpdateTime");
        }
        if (p.isDeleteEnabled() == null || p.isWriteEnabled() == null) {
            problems.add("ACR gave no lock attributes");
        }
        return new ManifestRecord(
                repository,
                p.getDigest(),
                p.getTags() == null ? List.of() : p.getTags(),
                children.isEmpty() ? "" : "index",
                Optional.ofNullable(p.getCreatedOn()).map(OffsetDateTime::toInstant),
                Optional.ofNullable(p.getLastUpdatedOn()).map(OffsetDateTime::toInstant),
                p.getSizeInBytes() == null ? 0 : p.getSizeInBytes(),
                !Boolean.FALSE.equals(p.isDeleteEnabled()),
                !Boolean.FALSE.equals(p.isWriteEnabled()),
                children,
                Optional.empty(),
                Map.of(),
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
            if (mapped.status() == 404) {
                return DeleteOutcome.ALREADY_GONE;
            }
            throw mapped;
        }
    }

    private RegistryException map(String operation, RuntimeException e) {
        if (e instanceof RegistryException already) {
            return already;
        }
        String where = operation + " on " + endpoint;
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
