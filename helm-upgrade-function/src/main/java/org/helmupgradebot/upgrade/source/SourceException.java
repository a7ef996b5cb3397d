package org.helmupgradebot.upgrade.source;

/** A version source (Helm index or registry) could not be read; the message is one line naming it. */
public class SourceException extends RuntimeException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
