package org.helmupgradebot.shared.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpHeaders;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * The HTTP layer both jobs use: bounded exponential retries on 5xx, 429, timeouts and connection
 * failures (honouring a capped {@code Retry-After}), redirects followed for GET/HEAD without leaking
 * {@code Authorization} to another host, failures mapped to {@link HttpFailure}, and a count of
 * requests sent.
 *
 * <p>The transport is {@link HttpURLConnection}, not java.net.http's client: the jobs are short
 * runs, and building that client costs a cold JVM ~0.35 s (its TLS and selector set-up) against
 * ~0.05 s for a whole first request here. Both pool keep-alive connections.
 */
public final class RetryingHttpClient {
    private static final int MAX_REDIRECTS = 5;

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
        Attempted done = execute(spec);
        byte[] body;
        try (InputStream in = done.response.body()) {
            body = in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new HttpFailure(HttpFailure.Kind.TIMEOUT, done.response.status(), spec.method(), spec.uri(),
                    "timed out reading the body", done.attempts, e);
        } catch (IOException e) {
            throw new HttpFailure(HttpFailure.Kind.BAD_RESPONSE, done.response.status(), spec.method(), spec.uri(),
                    "reading the body failed: " + e.getClass().getSimpleName() + " " + oneLine(e.getMessage()),
                    done.attempts, e);
        }
        return new HttpReply(spec.method(), spec.uri(), done.response.status(), done.response.headers(), body,
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
        Attempted done = execute(spec);
        Exchange resp = done.response;
        HttpReply head = new HttpReply(spec.method(), spec.uri(), resp.status(), resp.headers(), new byte[0],
                done.attempts);
        try (InputStream in = resp.body()) {
            if (!head.isSuccess()) {
                throw HttpFailure.forReply(head);
            }
            return reader.read(in, head);
        } catch (SocketTimeoutException e) {
            throw new HttpFailure(HttpFailure.Kind.TIMEOUT, resp.status(), spec.method(), spec.uri(),
                    "timed out reading the body", done.attempts, e);
        } catch (IOException e) {
            throw new HttpFailure(HttpFailure.Kind.BAD_RESPONSE, resp.status(), spec.method(), spec.uri(),
                    "reading the body failed: " + e.getClass().getSimpleName() + " " + oneLine(e.getMessage()),
                    done.attempts, e);
        }
    }

    /** Convenience for {@link #stream} with a GET. */
    public <T> T getStream(URI uri, Map<String, String> headers, BodyReader<T> reader) {
        return stream(HttpRequestSpec.get(uri).withHeaders(headers), reader);
    }

    private record Attempted(Exchange response, int attempts) {}

    /** One response: status, headers, and the body as a stream (the error body for a 4xx/5xx). */
    private record Exchange(int status, HttpHeaders headers, InputStream body) {}

    private Attempted execute(HttpRequestSpec spec) {
        for (int attempt = 1; ; attempt++) {
            Exchange resp;
            try {
                resp = sendFollowingRedirects(spec);
            } catch (IOException e) {
                HttpFailure failure = transportFailure(spec, e, attempt);
                if (!retryable(failure.kind()) || attempt >= options.maxAttempts()) {
                    throw failure;
                }
                pause(spec, attempt, backoff(attempt));
                continue;
            }
            if (retryableStatus(resp.status()) && attempt < options.maxAttempts()) {
                int failed = attempt;
                Duration wait = resp.headers().firstValue("Retry-After")
                        .flatMap(v -> RetryAfter.parse(v, clock))
                        .map(d -> d.compareTo(options.maxRetryAfter()) > 0 ? options.maxRetryAfter() : d)
                        .orElseGet(() -> backoff(failed));
                closeQuietly(resp.body());
                pause(spec, attempt, wait);
                continue;
            }
            return new Attempted(resp, attempt);
        }
    }

    private Exchange sendFollowingRedirects(HttpRequestSpec spec) throws IOException {
        HttpRequestSpec current = spec;
        for (int hop = 0; ; hop++) {
            requests.incrementAndGet();
            Exchange resp = open(current);
            Optional<String> location = resp.headers().firstValue("Location");
            boolean followable = current.method().equals("GET") || current.method().equals("HEAD");
            if (!isRedirect(resp.status()) || location.isEmpty() || !followable || hop >= MAX_REDIRECTS) {
                return resp;
            }
            closeQuietly(resp.body());
            URI next = current.uri().resolve(location.get());
            HttpRequestSpec nextSpec = current.withUri(next);
            if (!sameOrigin(current.uri(), next)) {
                // A blob redirect to a CDN or storage bucket must not carry the registry token.
                nextSpec = nextSpec.withoutHeader("Authorization");
            }
            current = nextSpec;
        }
    }

    /** Sends one request and reads the status and headers; the body is left to the caller. */
    private Exchange open(HttpRequestSpec spec) throws IOException {
        HttpURLConnection c = (HttpURLConnection) spec.uri().toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout(millis(options.connectTimeout()));
        c.setReadTimeout(millis(options.requestTimeout()));
        c.setRequestMethod(spec.method());
        c.setRequestProperty("User-Agent", options.userAgent());
        spec.headers().forEach(c::setRequestProperty);
        if (spec.body() != null) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(spec.body());
            }
        }
        int status = c.getResponseCode();
        Map<String, List<String>> fields = new HashMap<>();
        c.getHeaderFields().forEach((name, values) -> {
            if (name != null) { // the status line
                fields.put(name, values);
            }
        });
        InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
        return new Exchange(status, HttpHeaders.of(fields, (name, value) -> true),
                body == null ? InputStream.nullInputStream() : body);
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private HttpFailure transportFailure(HttpRequestSpec spec, IOException e, int attempt) {
        if (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).contains("connect")) {
            return new HttpFailure(HttpFailure.Kind.TIMEOUT, 0, spec.method(), spec.uri(),
                    "connect timed out after " + seconds(options.connectTimeout()), attempt, e);
        }
        if (e instanceof SocketTimeoutException) {
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
