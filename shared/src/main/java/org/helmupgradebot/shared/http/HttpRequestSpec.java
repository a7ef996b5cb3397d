package org.helmupgradebot.shared.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to send: method, URI, headers, an optional body, the most body bytes it may receive, and
 * whether it may be sent again after a failed attempt.
 *
 * @param method HTTP method, upper case
 * @param uri absolute URI
 * @param headers header name to value, in sending order
 * @param body request body, or null for none
 * @param bodyCap the most response-body bytes accepted; more fails the call ({@link HttpFailure.Kind#TOO_LARGE})
 * @param retrySafe whether a failed attempt may be repeated (false for a write with no duplicate guard)
 */
public record HttpRequestSpec(String method, URI uri, Map<String, String> headers, byte[] body, long bodyCap,
                              boolean retrySafe) {
    /** The default cap: JSON pages, manifests and tokens (the distribution spec bounds manifests at 4 MiB). */
    public static final long SMALL_BODY = 4L << 20;

    public HttpRequestSpec {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (bodyCap < 0) {
            throw new IllegalArgumentException("bodyCap must not be negative");
        }
    }

    public HttpRequestSpec(String method, URI uri, Map<String, String> headers, byte[] body) {
        this(method, uri, headers, body, SMALL_BODY, true);
    }

    public static HttpRequestSpec get(URI uri) {
        return new HttpRequestSpec("GET", uri, Map.of(), null);
    }

    public static HttpRequestSpec head(URI uri) {
        return new HttpRequestSpec("HEAD", uri, Map.of(), null);
    }

    public static HttpRequestSpec delete(URI uri) {
        return new HttpRequestSpec("DELETE", uri, Map.of(), null);
    }

    public static HttpRequestSpec put(URI uri, byte[] body) {
        return new HttpRequestSpec("PUT", uri, Map.of(), body);
    }

    public static HttpRequestSpec post(URI uri, byte[] body) {
        return new HttpRequestSpec("POST", uri, Map.of(), body);
    }

    /** A copy with one more header (replacing one of the same name). */
    public HttpRequestSpec withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        copy.put(name, value);
        return new HttpRequestSpec(method, uri, copy, body, bodyCap, retrySafe);
    }

    /** A copy with all these headers added. */
    public HttpRequestSpec withHeaders(Map<String, String> more) {
        HttpRequestSpec r = this;
        for (Map.Entry<String, String> e : more.entrySet()) {
            r = r.withHeader(e.getKey(), e.getValue());
        }
        return r;
    }

    /** A copy without the named header. */
    public HttpRequestSpec withoutHeader(String name) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        return new HttpRequestSpec(method, uri, copy, body, bodyCap, retrySafe);
    }

    /** A copy sent to another URI. */
    public HttpRequestSpec withUri(URI other) {
        return new HttpRequestSpec(method, other, headers, body, bodyCap, retrySafe);
    }

    /** A copy accepting at most {@code cap} body bytes. */
    public HttpRequestSpec withBodyCap(long cap) {
        return new HttpRequestSpec(method, uri, headers, body, cap, retrySafe);
    }

    /** A copy sent once only: a failed attempt is reported, never repeated. */
    public HttpRequestSpec notRetried() {
        return new HttpRequestSpec(method, uri, headers, body, bodyCap, false);
    }

    @Override
    public String toString() {
        // Never print header values: they may carry credentials.
        return method + " " + Redaction.uri(uri);
    }
}
