package org.helmupgradebot.shared.secrets;

import com.azure.core.exception.HttpResponseException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns an Azure SDK failure into a short phrase for a one-line message (status, or why unreachable). */
public final class AzureErrors {
    private AzureErrors() {}

    /** The HTTP status of an SDK failure, or -1 when no response was received. */
    public static int status(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpResponseException h && h.getResponse() != null) {
                return h.getResponse().getStatusCode();
            }
        }
        return -1;
    }

    /** Why no response came: connection refused, unknown host, TLS failure, timeout, or the first line of the cause. */
    public static String transportProblem(Throwable t) {
        Throwable deepest = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c instanceof UnknownHostException) {
                return "unknown host " + c.getMessage();
            }
            if (c instanceof SSLException) {
                return "TLS failed: " + firstLine(c.getMessage());
            }
            if (c instanceof TimeoutException || c instanceof java.net.SocketTimeoutException) {
                return "timed out";
            }
            deepest = c;
        }
        return firstLine(deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage());
    }

    /** The first line of a message, cut to a readable length. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().split("\\R", 2)[0];
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
