package org.helmupgradebot.shared.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Timeouts and retry bounds for {@link RetryingHttpClient}.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout the deadline of one attempt: connect, headers and the whole body
 * @param maxAttempts attempts per request, including the first (at least 1)
 * @param initialBackoff wait before the second attempt; doubles each time after
 * @param maxBackoff upper bound of the exponential wait
 * @param maxRetryAfter the longest wait a server may ask for ({@code Retry-After}, a rate-limit reset);
 *        a longer one fails the call at once
 * @param callBudget the bound on one call: every attempt, redirect and wait together
 * @param userAgent the {@code User-Agent} header sent with every request
 */
public record HttpOptions(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        Duration callBudget,
        String userAgent) {

    /** The setting (environment variable) that sets {@link #withTimeout} for the Functions and the command lines. */
    public static final String TIMEOUT_SETTING = "HTTP_TIMEOUT_SECONDS";
    /** The default bound on one call, retries included. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public HttpOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /**
     * 60 s per call with retries (so a dead, hung or dripping host fails in well under 90 s): 10 s connect,
     * 20 s per attempt, 4 attempts, backoff 1 s doubling to 8 s, server-asked waits up to 30 s.
     */
    public static HttpOptions defaults() {
        return new HttpOptions(Duration.ofSeconds(10), Duration.ofSeconds(20), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(8), Duration.ofSeconds(30), DEFAULT_TIMEOUT, "helm-upgrade-bot");
    }

    /**
     * The defaults scaled to another bound on one call (for slow links): each attempt gets a third of it,
     * a connection at most 10 s of that.
     */
    public HttpOptions withTimeout(Duration callTimeout) {
        Duration attempt = callTimeout.dividedBy(3);
        Duration connect = attempt.compareTo(Duration.ofSeconds(10)) < 0 ? attempt : Duration.ofSeconds(10);
        return new HttpOptions(connect, attempt, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, callTimeout,
                userAgent);
    }

    /**
     * The defaults, or scaled by {@value #TIMEOUT_SETTING} when the settings give it.
     *
     * @throws IllegalArgumentException naming the setting when it is not a whole number of seconds from 3 to 3600
     */
    public static HttpOptions fromSettings(Map<String, String> settings) {
        return timeoutSeconds(settings.get(TIMEOUT_SETTING), TIMEOUT_SETTING)
                .map(s -> defaults().withTimeout(Duration.ofSeconds(s))).orElseGet(HttpOptions::defaults);
    }

    /** Parses a timeout in seconds (3 to 3600), naming {@code where} in the error. */
    public static Optional<Integer> timeoutSeconds(String value, String where) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            int s = Integer.parseInt(value.strip());
            if (s >= 3 && s <= 3600) {
                return Optional.of(s);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(where + " must be a whole number of seconds from 3 to 3600, not '"
                + value.strip() + "'");
    }

    public HttpOptions withMaxAttempts(int attempts) {
        return new HttpOptions(connectTimeout, requestTimeout, attempts, initialBackoff, maxBackoff, maxRetryAfter,
                callBudget, userAgent);
    }

    public HttpOptions withRequestTimeout(Duration timeout) {
        return new HttpOptions(connectTimeout, timeout, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter,
                callBudget, userAgent);
    }

    public HttpOptions withConnectTimeout(Duration timeout) {
        return new HttpOptions(timeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter,
                callBudget, userAgent);
    }

    public HttpOptions withBackoff(Duration initial, Duration max) {
        return new HttpOptions(connectTimeout, requestTimeout, maxAttempts, initial, max, maxRetryAfter, callBudget,
                userAgent);
    }

    public HttpOptions withMaxRetryAfter(Duration cap) {
        return new HttpOptions(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, cap,
                callBudget, userAgent);
    }

    public HttpOptions withCallBudget(Duration budget) {
        return new HttpOptions(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter,
                budget, userAgent);
    }
}
