package org.helmupgradebot.shared.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A response as the client hands it back: status, headers, body bytes (empty for HEAD and streamed
 * bodies), how many attempts it took, and the URI that answered (after redirects).
 */
public record HttpReply(String method, URI uri, int status, HttpHeaders headers, byte[] body, int attempts,
                        URI answeredBy) {

    /** First value of a header, case-insensitive. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** All values of a header, case-insensitive. */
    public List<String> headerValues(String name) {
        return headers.allValues(name);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + Redaction.uri(uri) + " -> " + status;
    }
}
