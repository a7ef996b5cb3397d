package org.helmupgradebot.clean.execute;

import java.time.Duration;

/**
 * How the executor retries a delete on 429/5xx: at most {@code maxAttempts} calls, exponential backoff from
 * {@code initialBackoff}, a server's {@code Retry-After} honoured up to {@code maxWait}. Bounded on purpose:
 * the backend may retry inside each call too.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxWait) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy standard() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(60));
    }

    /** The wait before attempt {@code attempt + 1} (attempt counts from 1). */
    public Duration backoff(int attempt, java.util.Optional<Duration> retryAfter) {
        Duration wait = retryAfter.orElse(initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20)));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
