package org.helmupgradebot.shared.report;

/** Fails a Function invocation (so Azure's monitoring sees it) with a one-line reason; the log has the details. */
public final class JobFailedException extends RuntimeException {
    public JobFailedException(String message) {
        super(message, null, false, false);
    }
}
