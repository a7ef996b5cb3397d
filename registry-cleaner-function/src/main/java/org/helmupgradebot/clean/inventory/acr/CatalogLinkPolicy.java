package org.helmupgradebot.clean.inventory.acr;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Works around the SDK (1.2.6) reading the catalog's next page from a {@code link} field in the body,
 * while ACR sends it only in the {@code Link} header: without this, {@code listRepositoryNames} stops after
 * the first page. The header's target is copied into the body where the SDK looks for it.
 */
final class CatalogLinkPolicy implements HttpPipelinePolicy {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().flatMap(response -> needsRewrite(context, response)
                ? response.getBodyAsByteArray().defaultIfEmpty(new byte[0]).map(body -> rewrite(response, body))
                : Mono.just(response));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        HttpResponse response = next.processSync();
        return needsRewrite(context, response) ? rewrite(response, response.getBodyAsBinaryData().toBytes()) : response;
    }

    private static boolean needsRewrite(HttpPipelineCallContext context, HttpResponse response) {
        return context.getHttpRequest().getHttpMethod() == HttpMethod.GET
                && context.getHttpRequest().getUrl().getPath().endsWith("/acr/v1/_catalog")
                && response.getStatusCode() == 200
                && nextLink(response.getHeaderValue(HttpHeaderName.LINK)) != null;
    }

    /** The target of {@code <target>; rel="next"}, or null. */
    static String nextLink(String header) {
        if (header == null || !header.startsWith("<") || !header.contains("rel=\"next\"")) {
            return null;
        }
        int end = header.indexOf('>');
        return end > 1 ? header.substring(1, end) : null;
    }

    private static HttpResponse rewrite(HttpResponse response, byte[] body) {
        byte[] newBody = body;
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(body);
            if (!json.hasNonNull("link")) {
                json.put("link", nextLink(response.getHeaderValue(HttpHeaderName.LINK)));
            }
            newBody = JSON.writeValueAsBytes(json);
        } catch (IOException | ClassCastException e) {
            // Not the JSON we expected: hand it on untouched and let the SDK report it.
        }
        return new BufferedResponse(response, newBody);
    }

    /** A response with a replaced, fully buffered body. */
    private static final class BufferedResponse extends HttpResponse {
        private final HttpResponse original;
        private final byte[] body;

        BufferedResponse(HttpResponse original, byte[] body) {
            super(original.getRequest());
            this.original = original;
            this.body = body;
        }

        @Override
        public int getStatusCode() {
            return original.getStatusCode();
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return original.getHeaderValue(name);
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders(original.getHeaders());
            headers.set(HttpHeaderName.CONTENT_LENGTH, String.valueOf(body.length));
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.just(ByteBuffer.wrap(body));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just(new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just(new String(body, charset));
        }
    }
}
