package org.helmupgradebot.upgrade.publish;

import java.time.Duration;

/**
 * How hard the GitHub client tries: attempts per request, backoff for 5xx and timeouts, the longest
 * rate-limit wait it accepts, and the per-request timeout.
 */
public record RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxRateLimitWait,
                          Duration requestTimeout) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Four attempts, 1 s doubling backoff, rate-limit waits up to 2 minutes, 30 s per request. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofSeconds(30));
    }

    /** The wait before retry number {@code attempt} (1-based) after a 5xx or a timeout. */
    Duration backoff(int attempt) {
        return baseBackoff.multipliedBy(1L << Math.min(attempt - 1, 6));
    }
}
