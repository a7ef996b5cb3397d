package org.helmupgradebot.shared.http;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and port of a URI (RFC 6454): the unit credentials are bound to. {@code https://a} and
 * {@code https://a:443} are the same origin; {@code http://a} and {@code https://a} are not.
 */
public record Origin(String scheme, String host, int port) {

    public static Origin of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port < 0) {
            port = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        }
        return new Origin(scheme, host, port);
    }

    public boolean contains(URI uri) {
        return equals(of(uri));
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
