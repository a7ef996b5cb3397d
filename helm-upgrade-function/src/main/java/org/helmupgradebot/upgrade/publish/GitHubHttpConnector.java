package org.helmupgradebot.upgrade.publish;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.HttpReply;
import org.helmupgradebot.shared.http.HttpRequestSpec;
import org.helmupgradebot.shared.http.LinkHeader;
import org.helmupgradebot.shared.http.Origin;
import org.helmupgradebot.shared.http.Redaction;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * github-api's transport: each request goes through the shared {@link RetryingHttpClient} (its deadlines,
 * body cap, retries and rate-limit waits). The token goes only to the API's origin, a next-page link to
 * another origin is refused, and a listing stops at {@value #MAX_PAGES} pages. A failure reaches github-api
 * as an {@link IOException} whose cause is the {@link HttpFailure}, never one it would retry itself.
 */
public final class GitHubHttpConnector implements GitHubConnector {
    /** Pages of one listing read at most (100 items a page). */
    static final int MAX_PAGES = 100;
    /** API answers are JSON; the largest the bot reads is a 1 MB file from the contents API, base64-encoded. */
    static final long BODY_CAP = 32L << 20;
    private static final Set<String> RESTRICTED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        RESTRICTED.addAll(List.of("connection", "content-length", "expect", "host", "upgrade"));
    }

    private final RetryingHttpClient http;
    private final Origin api;
    private final Map<String, Integer> pageOf = new ConcurrentHashMap<>();

    /** @param endpoint the API base its token belongs to, e.g. {@code https://api.github.com} */
    public GitHubHttpConnector(RetryingHttpClient http, String endpoint) {
        this.http = http;
        this.api = Origin.of(URI.create(endpoint));
    }

    /** HTTP requests sent so far (retries and redirects included). */
    public long requestCount() {
        return http.requestCount();
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        URI uri;
        try {
            uri = request.url().toURI();
        } catch (URISyntaxException e) {
            throw new IOException("not a URL: " + Redaction.text(request.url().toString()));
        }
        HttpRequestSpec spec = new HttpRequestSpec(request.method(), uri, Map.of(),
                request.hasBody() ? request.body().readAllBytes() : null).withBodyCap(BODY_CAP);
        for (Map.Entry<String, List<String>> header : request.allHeaders().entrySet()) {
            if (header.getKey() != null && !RESTRICTED.contains(header.getKey()) && !header.getValue().isEmpty()) {
                spec = spec.withHeader(header.getKey(), String.join(", ", header.getValue()));
            }
        }
        if (request.hasBody() && request.contentType() != null) {
            spec = spec.withHeader("Content-Type", request.contentType());
        }
        if (!api.contains(uri)) {
            spec = spec.withoutHeader("Authorization"); // a URL from a response body may point anywhere
        }
        String path = uri.getPath();
        if (request.method().equals("POST") && (path.endsWith("/comments") || path.endsWith("/issues"))) {
            // Comments and issues are the writes with no duplicate guard on GitHub's side (a second branch or
            // pull request for the same head is refused; a second issue is not).
            spec = spec.notRetried();
        }
        int page = Optional.ofNullable(pageOf.remove(uri.toString())).orElse(1);
        HttpReply reply;
        try {
            reply = http.send(spec);
            nextPage(reply, page);
        } catch (HttpFailure f) {
            throw new IOException(f.getMessage(), f);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(reply.headers().map());
        return new Response(request, reply.status(), headers, reply.body());
    }

    /** Notes the page the reply links to next, refusing one on another origin or past the cap. */
    private void nextPage(HttpReply reply, int page) {
        Optional<String> next = LinkHeader.next(reply.headerValues("Link"));
        if (next.isEmpty()) {
            return;
        }
        URI target;
        try {
            target = reply.answeredBy().resolve(next.get());
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(HttpFailure.Kind.BAD_RESPONSE, reply.status(), reply.method(), reply.uri(),
                    "the next-page Link is not a URL", reply.attempts(), null);
        }
        if (!api.contains(target)) {
            throw new HttpFailure(HttpFailure.Kind.REFUSED, reply.status(), reply.method(), reply.uri(),
                    "the next-page Link points to another origin (" + Redaction.uri(target) + "); refused",
                    reply.attempts(), null);
        }
        if (page >= MAX_PAGES) {
            throw new HttpFailure(HttpFailure.Kind.TOO_LARGE, reply.status(), reply.method(), reply.uri(),
                    "more than " + MAX_PAGES + " pages; stopped (the page cap)", reply.attempts(), null);
        }
        pageOf.put(target.toString(), page + 1);
    }

    /** A response whose body is already in memory. */
    private static final class Response extends GitHubConnectorResponse.ByteArrayResponse {
        private final byte[] body;

        Response(GitHubConnectorRequest request, int status, Map<String, List<String>> headers, byte[] body) {
            super(request, status, headers);
            this.body = body;
        }

        @Override
        protected InputStream rawBodyStream() {
            return new ByteArrayInputStream(body);
        }
    }
}
