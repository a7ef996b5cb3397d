package org.helmupgradebot.shared.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** Makes URIs safe to print: drops user info and hides the values of credential-like query parameters. */
public final class Redaction {
    private static final Set<String> SECRET_PARAMS = Set.of(
            "token", "access_token", "refresh_token", "id_token", "password", "passwd", "pwd", "secret",
            "client_secret", "sig", "signature", "key", "api_key", "apikey", "code", "auth", "authorization",
            "x-amz-signature", "x-amz-security-token", "x-amz-credential", "se", "skoid", "sktid");

    private Redaction() {}

    /** The URI without user info and with secret query values replaced by {@code ***}. */
    public static String uri(URI uri) {
        if (uri == null) {
            return "(no uri)";
        }
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            out.append(uri.getHost());
            if (uri.getPort() >= 0) {
                out.append(':').append(uri.getPort());
            }
        } else if (uri.getRawAuthority() != null) {
            String authority = uri.getRawAuthority();
            int at = authority.lastIndexOf('@');
            out.append(at >= 0 ? authority.substring(at + 1) : authority);
        }
        if (uri.getRawPath() != null) {
            out.append(uri.getRawPath());
        }
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            out.append('?').append(query(query));
        }
        return out.toString();
    }

    private static String query(String rawQuery) {
        StringBuilder out = new StringBuilder();
        for (String part : rawQuery.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = part.indexOf('=');
            String name = eq >= 0 ? part.substring(0, eq) : part;
            if (eq >= 0 && isSecret(name)) {
                out.append(name).append("=***");
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    private static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SECRET_PARAMS.contains(n) || n.contains("token") || n.contains("secret") || n.contains("password");
    }
}
