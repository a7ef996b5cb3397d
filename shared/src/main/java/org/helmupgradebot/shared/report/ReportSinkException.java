package org.helmupgradebot.shared.report;

/** A report could not be stored; the message is one line naming the place. */
public final class ReportSinkException extends RuntimeException {
    public ReportSinkException(String message) {
        super(message, null, false, false);
    }
}
