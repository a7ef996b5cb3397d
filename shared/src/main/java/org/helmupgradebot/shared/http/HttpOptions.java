package org.helmupgradebot.shared.http;

import java.time.Duration;

/**
 * Timeouts and retry bounds for {@link RetryingHttpClient}.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long to wait for the response headers of one attempt
 * @param maxAttempts attempts per request, including the first (at least 1)
 * @param initialBackoff wait before the second attempt; doubles each time after
 * @param maxBackoff upper bound of the exponential wait
 * @param maxRetryAfter upper bound on a server's {@code Retry-After}
 * @param userAgent the {@code User-Agent} header sent with every request
 */
public record HttpOptions(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        String userAgent) {

    public HttpOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** 10 s connect, 60 s per request, 4 attempts, backoff 1 s doubling to 30 s, Retry-After capped at 120 s. */
    public static HttpOptions defaults() {
        return new HttpOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), 4,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(120), "helm-upgrade-bot");
    }

    public HttpOptions withMaxAttempts(int attempts) {
        return new HttpOptions(connectTimeout, requestTimeout, attempts, initialBackoff, maxBackoff, maxRetryAfter,
                userAgent);
    }

    public HttpOptions withRequestTimeout(Duration timeout) {
        return new HttpOptions(connectTimeout, timeout, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter,
                userAgent);
    }

    public HttpOptions withConnectTimeout(Duration timeout) {
        return new HttpOptions(timeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter,
                userAgent);
    }

    public HttpOptions withBackoff(Duration initial, Duration max) {
        return new HttpOptions(connectTimeout, requestTimeout, maxAttempts, initial, max, maxRetryAfter, userAgent);
    }

    public HttpOptions withMaxRetryAfter(Duration cap) {
        return new HttpOptions(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, cap,
                userAgent);
    }
}
