package org.helmupgradebot.clean.inventory;

import java.time.Duration;

/**
 * How the cleaner retries a registry call on 429/5xx: at most {@code maxAttempts} calls, exponential backoff from
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

    /** Sleeps between retries; tests pass one that does not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        static Sleeper real() {
            return d -> Thread.sleep(d.toMillis());
        }
    }

    /** Calls {@code call}, retrying on 429/5xx; gives up (rethrows) when attempts run out or the wait would pass the deadline. */
    public <T> T call(java.util.function.Supplier<T> call, Sleeper sleeper, java.time.Clock clock, java.time.Instant deadline)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RegistryException e) {
                if (!e.retryable() || attempt >= maxAttempts) {
                    throw e;
                }
                Duration wait = backoff(attempt, e.retryAfter());
                if (clock.instant().plus(wait).isAfter(deadline)) {
                    throw e;
                }
                sleeper.sleep(wait);
            }
        }
    }

    /** The wait before attempt {@code attempt + 1} (attempt counts from 1). */
    public Duration backoff(int attempt, java.util.Optional<Duration> retryAfter) {
        Duration wait = retryAfter.orElse(initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20)));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
