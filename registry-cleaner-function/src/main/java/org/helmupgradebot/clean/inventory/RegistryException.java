package org.helmupgradebot.clean.inventory;

import java.time.Duration;
import java.util.Optional;

/** A registry call failed; the message is one line naming the operation, the registry and the cause. */
public class RegistryException extends RuntimeException {
    private final int status;
    private final Duration retryAfter;

    public RegistryException(String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public RegistryException(String message, int status, Throwable cause) {
        this(message, status, null, cause);
    }

    public RegistryException(String message, int status) {
        this(message, status, null, null);
    }

    /** HTTP status where there was one, else 0. */
    public int status() {
        return status;
    }

    /** The server's {@code Retry-After}, where it sent one (429/503). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** True for statuses worth retrying: 429 and 5xx. */
    public boolean retryable() {
        return status == 429 || (status >= 500 && status <= 599);
    }
}
