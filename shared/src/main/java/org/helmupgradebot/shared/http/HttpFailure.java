package org.helmupgradebot.shared.http;

import java.net.URI;

/**
 * An HTTP call that failed, typed by {@link Kind}. The message is one line, e.g.
 * {@code GET http://127.0.0.1:8080/index.yaml: 500 Internal Server Error (after 3 attempts)}; it never
 * holds header values, user info or token-like query values.
 */
public class HttpFailure extends RuntimeException {

    /** What went wrong, for callers that decide by kind rather than status. */
    public enum Kind {
        NOT_FOUND, UNAUTHORIZED, FORBIDDEN, NOT_ALLOWED, RATE_LIMITED, SERVER_ERROR, TIMEOUT, UNREACHABLE, TLS,
        BAD_RESPONSE,
        /** A body over its cap, or a listing over its page cap. */
        TOO_LARGE,
        /** A redirect, link or challenge the client will not follow (another origin, https to http, not http). */
        REFUSED,
        OTHER
    }

    private final Kind kind;
    private final int status;
    private final URI uri;
    private final String method;
    private final int attempts;

    public HttpFailure(Kind kind, int status, String method, URI uri, String detail, int attempts, Throwable cause) {
        super(message(method, uri, detail, attempts), cause);
        this.kind = kind;
        this.status = status;
        this.uri = uri;
        this.method = method;
        this.attempts = attempts;
    }

    /** The failure for a final response status (the one place statuses become kinds). */
    public static HttpFailure forStatus(String method, URI uri, int status, int attempts, String extraDetail) {
        String detail = status + " " + StatusText.of(status)
                + (extraDetail == null || extraDetail.isBlank() ? "" : " (" + extraDetail + ")");
        return new HttpFailure(kindOf(status), status, method, uri, detail, attempts, null);
    }

    /** The failure for a final response. */
    public static HttpFailure forReply(HttpReply reply) {
        return forStatus(reply.method(), reply.uri(), reply.status(), reply.attempts(), null);
    }

    /** Status code to kind. */
    public static Kind kindOf(int status) {
        if (status == 404 || status == 410) {
            return Kind.NOT_FOUND;
        }
        if (status == 401) {
            return Kind.UNAUTHORIZED;
        }
        if (status == 403) {
            return Kind.FORBIDDEN;
        }
        if (status == 405) {
            return Kind.NOT_ALLOWED;
        }
        if (status == 429) {
            return Kind.RATE_LIMITED;
        }
        if (status >= 500 && status < 600) {
            return Kind.SERVER_ERROR;
        }
        if (status == 408) {
            return Kind.TIMEOUT;
        }
        return Kind.OTHER;
    }

    private static String message(String method, URI uri, String detail, int attempts) {
        String oneLine = detail == null ? "failed" : detail.replaceAll("[\\r\\n]+", " ").strip();
        return method + " " + Redaction.uri(uri) + ": " + oneLine
                + (attempts > 1 ? " (after " + attempts + " attempts)" : "");
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 where no response arrived. */
    public int status() {
        return status;
    }

    public URI uri() {
        return uri;
    }

    public String method() {
        return method;
    }

    public int attempts() {
        return attempts;
    }
}
