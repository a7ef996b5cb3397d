package org.helmupgradebot.upgrade.publish;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * The HTTP transport under github-api: sends each request with a timeout, retries 5xx answers and
 * timeouts with backoff, waits out rate limits (Retry-After, X-RateLimit-Reset) up to a bound, and
 * counts the calls it makes.
 */
public final class RetryingConnector implements GitHubConnector {
    /** Sleeps between attempts; tests pass one that records instead. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedIOException;
    }

    private static final Set<String> RESTRICTED = caseInsensitive(
            "connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient http;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    public RetryingConnector(RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(policy.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public RetryingConnector(RetryPolicy policy) {
        this(policy, RetryingConnector::sleepFor, Clock.systemUTC());
    }

    /** Number of HTTP requests sent so far (retries included). */
    public int callCount() {
        return calls.size();
    }

    /** "METHOD /path" of every request sent so far, in order. */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        byte[] body = request.hasBody() ? request.body().readAllBytes() : null;
        HttpRequest httpRequest = toHttpRequest(request, body);
        String what = request.method() + " " + request.url().getPath();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= policy.maxAttempts();
            HttpResponse<byte[]> response;
            calls.add(what);
            try {
                response = http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted during " + what);
            } catch (IOException e) {
                if (last || !retrySafe(request)) {
                    throw new GitHubUnavailableException("GitHub did not answer " + what + " after "
                            + attempt + " attempt(s) (" + e.getClass().getSimpleName() + ")");
                }
                sleeper.sleep(policy.backoff(attempt));
                continue;
            }
            int status = response.statusCode();
            Optional<Duration> limit = rateLimitWait(response);
            if (limit.isPresent()) {
                if (limit.get().compareTo(policy.maxRateLimitWait()) > 0) {
                    throw new GitHubUnavailableException("GitHub rate limit on " + what + " lifts in "
                            + limit.get().toSeconds() + " s, more than the allowed wait of "
                            + policy.maxRateLimitWait().toSeconds() + " s");
                }
                if (!last) {
                    sleeper.sleep(limit.get());
                    continue;
                }
                throw new GitHubUnavailableException("GitHub kept rate-limiting " + what + " after "
                        + attempt + " attempts");
            }
            if (status >= 500 && !last && retrySafe(request)) {
                sleeper.sleep(policy.backoff(attempt));
                continue;
            }
            return new BufferedResponse(request, status, headers(response), response.body());
        }
    }

    // Comments and issues are the writes that are not idempotent and have no duplicate guard on GitHub's
    // side (a second branch or pull request for the same head is refused; a second issue is not).
    private static boolean retrySafe(GitHubConnectorRequest request) {
        String path = request.url().getPath();
        return !("POST".equals(request.method()) && (path.endsWith("/comments") || path.endsWith("/issues")));
    }

    private Optional<Duration> rateLimitWait(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status != 429 && status != 403) {
            return Optional.empty();
        }
        Optional<String> retryAfter = response.headers().firstValue("Retry-After");
        Optional<String> remaining = response.headers().firstValue("X-RateLimit-Remaining");
        Optional<String> reset = response.headers().firstValue("X-RateLimit-Reset");
        boolean primaryExhausted = remaining.map("0"::equals).orElse(false);
        if (status == 403 && retryAfter.isEmpty() && !primaryExhausted
                && !new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).contains("rate limit")) {
            return Optional.empty(); // a plain permission error
        }
        if (retryAfter.isPresent()) {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.get().trim()))));
            } catch (NumberFormatException ignored) {
                // An HTTP date is allowed too; fall through to the reset header or the default.
            }
        }
        if (primaryExhausted && reset.isPresent()) {
            try {
                long seconds = Long.parseLong(reset.get().trim()) - clock.instant().getEpochSecond() + 1;
                return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
            } catch (NumberFormatException ignored) {
                // Fall through.
            }
        }
        // GitHub's advice for a secondary limit without headers: wait at least a minute.
        return Optional.of(Duration.ofMinutes(1));
    }

    private HttpRequest toHttpRequest(GitHubConnectorRequest request, byte[] body) throws IOException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(request.url().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("bad GitHub URL " + request.url().getPath());
        }
        builder.timeout(policy.requestTimeout());
        for (Map.Entry<String, List<String>> header : request.allHeaders().entrySet()) {
            if (header.getKey() == null || RESTRICTED.contains(header.getKey())) {
                continue;
            }
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        if (body != null && request.contentType() != null) {
            builder.setHeader("Content-Type", request.contentType());
        }
        builder.method(request.method(), body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return builder.build();
    }

    private static Map<String, List<String>> headers(HttpResponse<byte[]> response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.headers().map());
        return headers;
    }

    private static void sleepFor(Duration duration) throws InterruptedIOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Collections.addAll(set, names);
        return set;
    }

    /** A response whose body is already in memory. */
    private static final class BufferedResponse extends GitHubConnectorResponse.ByteArrayResponse {
        private final byte[] body;

        BufferedResponse(GitHubConnectorRequest request, int status, Map<String, List<String>> headers,
                         byte[] body) {
            super(request, status, headers);
            this.body = body == null ? new byte[0] : body;
        }

        @Override
        protected InputStream rawBodyStream() {
            return new ByteArrayInputStream(body);
        }
    }

    /** GitHub could not be used for now: rate-limited beyond the allowed wait, or not answering. */
    public static final class GitHubUnavailableException extends IOException {
        public GitHubUnavailableException(String oneLine) {
            super(oneLine);
        }
    }
}
