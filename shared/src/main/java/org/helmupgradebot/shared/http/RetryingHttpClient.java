package org.helmupgradebot.shared.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * The HTTP layer both jobs use: java.net.http with bounded exponential retries on 5xx, 429, timeouts
 * and connection failures (honouring a capped {@code Retry-After}), redirects followed for GET/HEAD
 * without leaking {@code Authorization} to another host, failures mapped to {@link HttpFailure}, and
 * a count of requests sent.
 */
public final class RetryingHttpClient {
    private static final int MAX_REDIRECTS = 5;

    // Built on first use: building it sets up TLS, which costs a cold start ~0.2 s of CPU that a run
    // reading only local mirrors never needs. The JDK client is shared by the process, one per connect
    // timeout, as the JDK intends: a new one per run costs ~20 ms (selector thread, first connection),
    // which a warm Functions worker would pay on every invocation.
    private static final ConcurrentMap<Duration, HttpClient> SHARED = new ConcurrentHashMap<>();
    private volatile HttpClient client;
    private final HttpOptions options;
    private final Sleeper sleeper;
    private final Clock clock;
    private final AtomicLong requests = new AtomicLong();

    public RetryingHttpClient(HttpOptions options) {
        this(options, Sleeper.system(), Clock.systemUTC());
    }

    public RetryingHttpClient(HttpOptions options, Sleeper sleeper, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            c = SHARED.computeIfAbsent(options.connectTimeout(), timeout -> HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build());
            client = c;
        }
        return c;
    }

    public HttpOptions options() {
        return options;
    }

    /** HTTP requests sent so far, counting every retry and redirect hop. */
    public long requestCount() {
        return requests.get();
    }

    /**
     * Sends with retries and returns the final response whatever its status (a retryable status is
     * returned once attempts run out). Throws {@link HttpFailure} only when no response arrived.
     */
    public HttpReply send(HttpRequestSpec spec) {
        Attempted<byte[]> done = execute(spec, HttpResponse.BodyHandlers.ofByteArray(), body -> { });
        byte[] body = done.response.body() == null ? new byte[0] : done.response.body();
        return new HttpReply(spec.method(), spec.uri(), done.response.statusCode(), done.response.headers(), body,
                done.attempts);
    }

    /** Like {@link #send} but a non-2xx final status throws the mapped {@link HttpFailure}. */
    public HttpReply call(HttpRequestSpec spec) {
        HttpReply reply = send(spec);
        if (!reply.isSuccess()) {
            throw HttpFailure.forReply(reply);
        }
        return reply;
    }

    public HttpReply get(URI uri, Map<String, String> headers) {
        return call(HttpRequestSpec.get(uri).withHeaders(headers));
    }

    public HttpReply head(URI uri, Map<String, String> headers) {
        return call(HttpRequestSpec.head(uri).withHeaders(headers));
    }

    public HttpReply delete(URI uri, Map<String, String> headers) {
        return call(HttpRequestSpec.delete(uri).withHeaders(headers));
    }

    public HttpReply put(URI uri, Map<String, String> headers, byte[] body) {
        return call(HttpRequestSpec.put(uri, body).withHeaders(headers));
    }

    public HttpReply post(URI uri, Map<String, String> headers, byte[] body) {
        return call(HttpRequestSpec.post(uri, body).withHeaders(headers));
    }

    /**
     * GETs (or sends) a request and hands the 2xx body to {@code reader} as a stream, so large bodies are
     * never held in memory. A non-2xx final status throws {@link HttpFailure}; an {@link IOException}
     * while reading becomes {@link HttpFailure.Kind#BAD_RESPONSE}.
     */
    public <T> T stream(HttpRequestSpec spec, BodyReader<T> reader) {
        Attempted<InputStream> done = execute(spec, HttpResponse.BodyHandlers.ofInputStream(),
                RetryingHttpClient::closeQuietly);
        HttpResponse<InputStream> resp = done.response;
        HttpReply head = new HttpReply(spec.method(), spec.uri(), resp.statusCode(), resp.headers(), new byte[0],
                done.attempts);
        try (InputStream in = resp.body()) {
            if (!head.isSuccess()) {
                throw HttpFailure.forReply(head);
            }
            return reader.read(in, head);
        } catch (HttpTimeoutException e) {
            throw new HttpFailure(HttpFailure.Kind.TIMEOUT, resp.statusCode(), spec.method(), spec.uri(),
                    "timed out reading the body", done.attempts, e);
        } catch (IOException e) {
            throw new HttpFailure(HttpFailure.Kind.BAD_RESPONSE, resp.statusCode(), spec.method(), spec.uri(),
                    "reading the body failed: " + e.getClass().getSimpleName() + " " + oneLine(e.getMessage()),
                    done.attempts, e);
        }
    }

    /** Convenience for {@link #stream} with a GET. */
    public <T> T getStream(URI uri, Map<String, String> headers, BodyReader<T> reader) {
        return stream(HttpRequestSpec.get(uri).withHeaders(headers), reader);
    }

    private record Attempted<B>(HttpResponse<B> response, int attempts) {}

    private <B> Attempted<B> execute(HttpRequestSpec spec, HttpResponse.BodyHandler<B> handler, Consumer<B> discard) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<B> resp;
            try {
                resp = sendFollowingRedirects(spec, handler, discard);
            } catch (IOException e) {
                HttpFailure failure = transportFailure(spec, e, attempt);
                if (!retryable(failure.kind()) || attempt >= options.maxAttempts()) {
                    throw failure;
                }
                pause(spec, attempt, backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpFailure(HttpFailure.Kind.OTHER, 0, spec.method(), spec.uri(), "interrupted", attempt, e);
            }
            if (retryableStatus(resp.statusCode()) && attempt < options.maxAttempts()) {
                int failed = attempt;
                Duration wait = resp.headers().firstValue("Retry-After")
                        .flatMap(v -> RetryAfter.parse(v, clock))
                        .map(d -> d.compareTo(options.maxRetryAfter()) > 0 ? options.maxRetryAfter() : d)
                        .orElseGet(() -> backoff(failed));
                discard.accept(resp.body());
                pause(spec, attempt, wait);
                continue;
            }
            return new Attempted<>(resp, attempt);
        }
    }

    private <B> HttpResponse<B> sendFollowingRedirects(HttpRequestSpec spec, HttpResponse.BodyHandler<B> handler,
            Consumer<B> discard) throws IOException, InterruptedException {
        HttpRequestSpec current = spec;
        for (int hop = 0; ; hop++) {
            requests.incrementAndGet();
            HttpResponse<B> resp = client().send(toJdk(current), handler);
            Optional<String> location = resp.headers().firstValue("Location");
            boolean followable = current.method().equals("GET") || current.method().equals("HEAD");
            if (!isRedirect(resp.statusCode()) || location.isEmpty() || !followable || hop >= MAX_REDIRECTS) {
                return resp;
            }
            discard.accept(resp.body());
            URI next = current.uri().resolve(location.get());
            HttpRequestSpec nextSpec = current.withUri(next);
            if (!sameOrigin(current.uri(), next)) {
                // A blob redirect to a CDN or storage bucket must not carry the registry token.
                nextSpec = nextSpec.withoutHeader("Authorization");
            }
            current = nextSpec;
        }
    }

    private HttpRequest toJdk(HttpRequestSpec spec) {
        HttpRequest.BodyPublisher publisher = spec.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(spec.body());
        HttpRequest.Builder b = HttpRequest.newBuilder(spec.uri())
                .timeout(options.requestTimeout())
                .method(spec.method(), publisher)
                .header("User-Agent", options.userAgent());
        spec.headers().forEach(b::header);
        return b.build();
    }

    private HttpFailure transportFailure(HttpRequestSpec spec, IOException e, int attempt) {
        if (e instanceof HttpConnectTimeoutException) {
            return new HttpFailure(HttpFailure.Kind.TIMEOUT, 0, spec.method(), spec.uri(),
                    "connect timed out after " + seconds(options.connectTimeout()), attempt, e);
        }
        if (e instanceof HttpTimeoutException) {
            return new HttpFailure(HttpFailure.Kind.TIMEOUT, 0, spec.method(), spec.uri(),
                    "timed out after " + seconds(options.requestTimeout()), attempt, e);
        }
        if (hasCause(e, SSLException.class)) {
            return new HttpFailure(HttpFailure.Kind.TLS, 0, spec.method(), spec.uri(),
                    "TLS failure: " + oneLine(rootMessage(e)), attempt, e);
        }
        if (hasCause(e, UnknownHostException.class) || hasCause(e, UnresolvedAddressException.class)) {
            return new HttpFailure(HttpFailure.Kind.UNREACHABLE, 0, spec.method(), spec.uri(),
                    "unknown host", attempt, e);
        }
        if (hasCause(e, ConnectException.class) || hasCause(e, NoRouteToHostException.class)) {
            return new HttpFailure(HttpFailure.Kind.UNREACHABLE, 0, spec.method(), spec.uri(),
                    "cannot connect (" + oneLine(rootMessage(e)) + ")", attempt, e);
        }
        return new HttpFailure(HttpFailure.Kind.OTHER, 0, spec.method(), spec.uri(),
                "I/O error: " + e.getClass().getSimpleName() + " " + oneLine(rootMessage(e)), attempt, e);
    }

    private static boolean retryable(HttpFailure.Kind kind) {
        return kind == HttpFailure.Kind.TIMEOUT || kind == HttpFailure.Kind.UNREACHABLE
                || kind == HttpFailure.Kind.OTHER;
    }

    private static boolean retryableStatus(int status) {
        return status == 429 || status == 408 || (status >= 500 && status < 600 && status != 501 && status != 505);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    /** Exponential backoff: initial * 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        Duration d = options.initialBackoff();
        for (int i = 1; i < attempt && d.compareTo(options.maxBackoff()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : d;
    }

    private void pause(HttpRequestSpec spec, int attempt, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpFailure(HttpFailure.Kind.OTHER, 0, spec.method(), spec.uri(),
                    "interrupted while waiting to retry", attempt, e);
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        String msg = null;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                msg = c.getMessage();
            }
        }
        return msg == null ? t.getClass().getSimpleName() : msg;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // Discarding the body of a response we retry; nothing to report.
        }
    }
}
