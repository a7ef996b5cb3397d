package org.helmupgradebot.clean.inventory;

/** A registry call failed; the message is one line naming the operation, the registry and the cause. */
public class RegistryException extends RuntimeException {
    private final int status;

    public RegistryException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public RegistryException(String message, int status) {
        this(message, status, null);
    }

    /** HTTP status where there was one, else 0. */
    public int status() {
        return status;
    }
}
