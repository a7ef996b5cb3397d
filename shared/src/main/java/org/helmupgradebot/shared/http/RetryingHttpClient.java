package org.helmupgradebot.shared.http;

import java.io.ByteArrayInputStream;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * The one HTTP layer of both jobs (everything but the Azure SDK's own calls) and the only place that retries.
 * Its guarantees:
 * <ul>
 * <li>every attempt has a deadline for connect, headers and the whole body, and a call (all attempts, redirects
 * and waits) a budget; a server-asked wait longer than allowed fails at once, saying so;</li>
 * <li>every body has a cap ({@link HttpRequestSpec#bodyCap()});</li>
 * <li>bounded exponential retries on 5xx, 429, rate-limit 403s, timeouts and connection failures, honouring
 * {@code Retry-After} and rate-limit resets, for requests that are safe to repeat;</li>
 * <li>redirects followed for GET/HEAD only, at most {@value #MAX_REDIRECTS}, http and https only, never from
 * https to http, and credential headers dropped when the origin changes;</li>
 * <li>failures mapped to {@link HttpFailure} with a one-line, redacted message that counts the attempts.</li>
 * </ul>
 *
 * <p>The transport is {@link HttpURLConnection}, not java.net.http's client: the jobs are short runs, and
 * building that client costs a cold JVM ~0.35 s against ~0.05 s for a whole first request here. A watchdog
 * closes a connection whose headers miss the deadline; the body's reads are held to it by {@link LimitedBody}.
 */
public final class RetryingHttpClient {
    static final int MAX_REDIRECTS = 5;
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");
    private static final int ERROR_PEEK = 64 * 1024;

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
     * returned once attempts run out). Throws {@link HttpFailure} when no response arrived, when the body
     * broke its cap or deadline, or when a rate limit outlasts the allowed wait.
     */
    public HttpReply send(HttpRequestSpec spec) {
        Attempted done = execute(spec);
        byte[] body;
        try (InputStream in = done.response.body()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw bodyFailure(spec, done, e);
        }
        return new HttpReply(spec.method(), spec.uri(), done.response.status(), done.response.headers(), body,
                done.attempts, done.response.uri());
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
     * Sends a request and hands the 2xx body to {@code reader} as a stream, so large bodies are never held in
     * memory. A non-2xx final status throws {@link HttpFailure}; a body over its cap or deadline throws
     * {@link HttpFailure.Kind#TOO_LARGE} or {@link HttpFailure.Kind#TIMEOUT} whatever the reader made of it;
     * another {@link IOException} while reading is {@link HttpFailure.Kind#BAD_RESPONSE}.
     */
    public <T> T stream(HttpRequestSpec spec, BodyReader<T> reader) {
        Attempted done = execute(spec);
        Exchange resp = done.response;
        HttpReply head = new HttpReply(spec.method(), spec.uri(), resp.status(), resp.headers(), new byte[0],
                done.attempts, resp.uri());
        try (InputStream in = resp.body()) {
            if (!head.isSuccess()) {
                throw HttpFailure.forReply(head);
            }
            return reader.read(in, head);
        } catch (IOException e) {
            throw bodyFailure(spec, done, e);
        } catch (RuntimeException e) {
            LimitedBody.Breach breach = resp.limited().breach();
            if (breach != null && !(e instanceof HttpFailure)) {
                throw bodyFailure(spec, done, breach);
            }
            throw e;
        }
    }

    /** Convenience for {@link #stream} with a GET. */
    public <T> T getStream(URI uri, Map<String, String> headers, BodyReader<T> reader) {
        return stream(HttpRequestSpec.get(uri).withHeaders(headers), reader);
    }

    private record Attempted(Exchange response, int attempts) {}

    /** One response: status, headers, the URI that gave it, and its body held to the deadline and cap. */
    private record Exchange(int status, HttpHeaders headers, InputStream body, LimitedBody limited, URI uri) {}

    private HttpFailure bodyFailure(HttpRequestSpec spec, Attempted done, IOException e) {
        LimitedBody.Breach breach = e instanceof LimitedBody.Breach b ? b : done.response.limited().breach();
        if (breach != null) {
            return new HttpFailure(breach.kind, done.response.status(), spec.method(), spec.uri(), breach.getMessage(),
                    done.attempts, null);
        }
        if (e instanceof SocketTimeoutException) {
            return new HttpFailure(HttpFailure.Kind.TIMEOUT, done.response.status(), spec.method(), spec.uri(),
                    "timed out reading the body", done.attempts, e);
        }
        return new HttpFailure(HttpFailure.Kind.BAD_RESPONSE, done.response.status(), spec.method(), spec.uri(),
                "reading the body failed: " + e.getClass().getSimpleName() + " " + oneLine(e.getMessage()),
                done.attempts, e);
    }

    private Attempted execute(HttpRequestSpec spec) {
        long budgetEnd = System.nanoTime() + options.callBudget().toNanos();
        for (int attempt = 1; ; attempt++) {
            long now = System.nanoTime();
            long attemptEnd = Math.min(now + options.requestTimeout().toNanos(), budgetEnd);
            String deadlineText = seconds(attemptEnd - now >= options.requestTimeout().toNanos()
                    ? options.requestTimeout() : Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(attemptEnd - now)));
            boolean mayRetry = spec.retrySafe() && attempt < options.maxAttempts();
            Exchange resp;
            try {
                resp = sendFollowingRedirects(spec, attemptEnd, deadlineText);
            } catch (IOException e) {
                HttpFailure failure = transportFailure(spec, e, attempt);
                if (!retryable(failure.kind()) || !mayRetry || !fitsBudget(backoff(attempt), budgetEnd)) {
                    throw failure;
                }
                pause(spec, attempt, backoff(attempt));
                continue;
            }
            int status = resp.status();
            String peek = status == 403 ? peek(resp) : "";
            if (status == 403) {
                resp = new Exchange(status, resp.headers(), new ByteArrayInputStream(peek.getBytes(StandardCharsets.UTF_8)),
                        resp.limited(), resp.uri());
            }
            boolean rateLimit = RetryAfter.isRateLimit(status, resp.headers(), peek);
            if (!rateLimit && !retryableStatus(status)) {
                return new Attempted(resp, attempt);
            }
            Optional<Duration> asked = RetryAfter.requested(status, resp.headers(), peek, clock);
            if (asked.isPresent() && asked.get().compareTo(options.maxRetryAfter()) > 0) {
                closeQuietly(resp.body());
                throw waitRefused(spec, resp, attempt, asked.get(), "more than the " + seconds(options.maxRetryAfter())
                        + " this client waits");
            }
            int failed = attempt;
            Duration wait = asked.orElseGet(() -> backoff(failed));
            if (!mayRetry || !fitsBudget(wait, budgetEnd)) {
                if (asked.isPresent() && mayRetry) {
                    closeQuietly(resp.body());
                    throw waitRefused(spec, resp, attempt, wait, "more than is left of the "
                            + seconds(options.callBudget()) + " this call may take");
                }
                if (rateLimit && status == 403) {
                    closeQuietly(resp.body());
                    throw new HttpFailure(HttpFailure.Kind.RATE_LIMITED, status, spec.method(), spec.uri(),
                            "403 Forbidden: still rate limited", attempt, null);
                }
                return new Attempted(resp, attempt);
            }
            closeQuietly(resp.body());
            pause(spec, attempt, wait);
        }
    }

    private HttpFailure waitRefused(HttpRequestSpec spec, Exchange resp, int attempt, Duration wait, String bound) {
        boolean limit = resp.status() == 429 || resp.status() == 403;
        String detail = resp.status() + " " + StatusText.of(resp.status()) + ": "
                + (limit ? "the rate limit lifts in " : "the server asks to wait ") + wait.toSeconds() + " s, "
                + bound;
        return new HttpFailure(limit ? HttpFailure.Kind.RATE_LIMITED : HttpFailure.kindOf(resp.status()),
                resp.status(), spec.method(), spec.uri(), detail, attempt, null);
    }

    private static boolean fitsBudget(Duration wait, long budgetEnd) {
        return System.nanoTime() + wait.toNanos() < budgetEnd;
    }

    /** The start of an error body (to tell a rate limit from a refusal); the rest is dropped. */
    private static String peek(Exchange resp) {
        try (InputStream in = resp.body()) {
            return new String(in.readNBytes(ERROR_PEEK), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private Exchange sendFollowingRedirects(HttpRequestSpec spec, long deadline, String deadlineText) throws IOException {
        HttpRequestSpec current = spec;
        requireHttp(spec, current.uri(), "");
        for (int hop = 0; ; hop++) {
            requests.incrementAndGet();
            Exchange resp = open(current, deadline, deadlineText);
            Optional<String> location = resp.headers().firstValue("Location");
            boolean followable = current.method().equals("GET") || current.method().equals("HEAD");
            if (!isRedirect(resp.status()) || location.isEmpty() || !followable) {
                return resp;
            }
            closeQuietly(resp.body());
            URI next;
            try {
                next = current.uri().resolve(location.get().strip());
            } catch (IllegalArgumentException e) {
                throw refused(spec, "redirect to an unreadable Location", HttpFailure.Kind.BAD_RESPONSE);
            }
            requireHttp(spec, next, "redirect to ");
            if ("https".equalsIgnoreCase(current.uri().getScheme()) && "http".equalsIgnoreCase(next.getScheme())) {
                throw refused(spec, "redirect from https to http (" + Redaction.uri(next) + ") refused",
                        HttpFailure.Kind.REFUSED);
            }
            if (hop + 1 > MAX_REDIRECTS) {
                throw refused(spec, "more than " + MAX_REDIRECTS + " redirects", HttpFailure.Kind.REFUSED);
            }
            HttpRequestSpec nextSpec = current.withUri(next);
            if (!Origin.of(current.uri()).equals(Origin.of(next))) {
                // A blob redirect to a CDN or storage bucket, or anything else, must not carry our credentials.
                for (String name : CREDENTIAL_HEADERS) {
                    nextSpec = nextSpec.withoutHeader(name);
                }
            }
            current = nextSpec;
        }
    }

    private static void requireHttp(HttpRequestSpec spec, URI uri, String what) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            String shown = uri.getScheme() == null ? "a relative URL" : uri.getScheme() + ": URL";
            throw refused(spec, what + shown + " refused: only http and https are fetched", HttpFailure.Kind.REFUSED);
        }
    }

    private static HttpFailure refused(HttpRequestSpec spec, String detail, HttpFailure.Kind kind) {
        return new HttpFailure(kind, 0, spec.method(), spec.uri(), detail, 1, null);
    }

    /**
     * Sends one request and reads the status and headers; the body is left to the caller, held to the same
     * deadline. A watchdog closes the connection when the headers have not arrived by the deadline.
     */
    private Exchange open(HttpRequestSpec spec, long deadline, String deadlineText) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new LimitedBody.Breach(HttpFailure.Kind.TIMEOUT, "timed out after " + deadlineText);
        }
        HttpURLConnection c = (HttpURLConnection) spec.uri().toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout(millis(Math.min(left, options.connectTimeout().toMillis())));
        c.setReadTimeout(millis(left));
        if (spec.method().equals("PATCH")) {
            // HttpURLConnection has no PATCH; GitHub's API takes POST for PATCH, and the header says which.
            c.setRequestMethod("POST");
            c.setRequestProperty("X-HTTP-Method-Override", "PATCH");
        } else {
            c.setRequestMethod(spec.method());
        }
        c.setRequestProperty("User-Agent", options.userAgent());
        spec.headers().forEach(c::setRequestProperty);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = Watchdog.EXECUTOR.schedule(() -> {
            expired.set(true);
            c.disconnect();
        }, left, TimeUnit.MILLISECONDS);
        int status;
        Map<String, List<String>> fields = new HashMap<>();
        try {
            if (spec.body() != null) {
                c.setDoOutput(true);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(spec.body());
                }
            }
            status = c.getResponseCode();
            c.getHeaderFields().forEach((name, values) -> {
                if (name != null) { // the status line
                    fields.put(name, values);
                }
            });
        } catch (IOException e) {
            if (expired.get() || deadline - System.nanoTime() <= 0) {
                if (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).contains("connect")) {
                    throw e;
                }
                throw new LimitedBody.Breach(HttpFailure.Kind.TIMEOUT, "timed out after " + deadlineText);
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
        if (expired.get()) {
            throw new LimitedBody.Breach(HttpFailure.Kind.TIMEOUT, "timed out after " + deadlineText);
        }
        InputStream raw = status >= 400 ? c.getErrorStream() : c.getInputStream();
        LimitedBody body = new LimitedBody(raw == null ? InputStream.nullInputStream() : raw, deadline,
                deadlineText, spec.bodyCap());
        return new Exchange(status, HttpHeaders.of(fields, (name, value) -> true), body, body, spec.uri());
    }

    private static int millis(long ms) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, ms));
    }

    private HttpFailure transportFailure(HttpRequestSpec spec, IOException e, int attempt) {
        if (e instanceof LimitedBody.Breach b) {
            return new HttpFailure(b.kind, 0, spec.method(), spec.uri(), b.getMessage(), attempt, null);
        }
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

    static String seconds(Duration d) {
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

    /** The one timer thread that closes connections whose headers are late (a daemon: it never holds a JVM up). */
    private static final class Watchdog {
        static final ScheduledExecutorService EXECUTOR = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "http-deadline");
                t.setDaemon(true);
                return t;
            });
            e.setRemoveOnCancelPolicy(true);
            return e;
        }

        private Watchdog() {}
    }
}
