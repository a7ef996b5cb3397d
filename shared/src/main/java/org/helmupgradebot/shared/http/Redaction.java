package org.helmupgradebot.shared.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redactor of both jobs: makes URIs safe to print (no user info, credential-like query values
 * hidden) and masks credentials in free text (user info in URLs, Authorization values, token-shaped
 * strings, private keys). {@link org.helmupgradebot.shared.secrets.Redactor} adds the known secret values.
 */
public final class Redaction {
    public static final String MASK = "***";
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#@\\s]+@");
    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)(authorization\\s*[:=]\\s*)(?:(bearer|token|basic)\\s+)?[^\\s,;\"']+");
    private static final Pattern SCHEME_TOKEN = Pattern.compile("(?i)\\b(bearer|token|basic) [A-Za-z0-9._~+/=-]{16,}");
    private static final Pattern GITHUB_TOKEN =
            Pattern.compile("\\b(gh[pousr]_|github_pat_)[A-Za-z0-9_]{20,}");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", Pattern.DOTALL);
    private static final Set<String> SECRET_PARAMS = Set.of(
            "token", "access_token", "refresh_token", "id_token", "password", "passwd", "pwd", "secret",
            "client_secret", "sig", "signature", "key", "api_key", "apikey", "code", "auth", "authorization",
            "x-amz-signature", "x-amz-security-token", "x-amz-credential", "se", "skoid", "sktid");

    private Redaction() {}

    /**
     * The text with user info in URLs ({@code https://***@host}), Authorization values, {@code Bearer …} /
     * {@code token …} values, GitHub tokens and private keys masked.
     */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = PRIVATE_KEY.matcher(text).replaceAll(MASK);
        out = USER_INFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        out = GITHUB_TOKEN.matcher(out).replaceAll("$1" + MASK); // the prefix says which kind of token leaked
        out = AUTHORIZATION.matcher(out).replaceAll(m ->
                Matcher.quoteReplacement(m.group(1) + (m.group(2) == null ? "" : m.group(2) + " ") + MASK));
        out = SCHEME_TOKEN.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + MASK));
        return out;
    }

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
