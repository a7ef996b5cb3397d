package org.helmupgradebot.clean.inventory;

import org.helmupgradebot.shared.http.HttpFailure;

/**
 * A registry call failed; the message is one line naming the operation, the registry and the cause. Its
 * kind is the shared {@link HttpFailure.Kind} (statuses become kinds in one place, {@link HttpFailure#kindOf}).
 */
public class RegistryException extends RuntimeException {
    private final HttpFailure.Kind kind;
    private final int status;

    public RegistryException(String message, HttpFailure.Kind kind, int status, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    /** A failure with an HTTP status (its kind follows from it), or 0 for none (kind {@code UNREACHABLE}). */
    public RegistryException(String message, int status, Throwable cause) {
        this(message, status == 0 ? HttpFailure.Kind.UNREACHABLE : HttpFailure.kindOf(status), status, cause);
    }

    public RegistryException(String message, int status) {
        this(message, status, null);
    }

    public HttpFailure.Kind kind() {
        return kind;
    }

    /** HTTP status where there was one, else 0. */
    public int status() {
        return status;
    }
}
