package org.helmupgradebot.shared.oci;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code WWW-Authenticate} challenge: its scheme ({@code Bearer} or {@code Basic}) and
 * parameters ({@code realm}, {@code service}, {@code scope}).
 */
record BearerChallenge(String scheme, Map<String, String> params) {
    private static final Pattern PARAM = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");

    boolean isBearer() {
        return scheme.equalsIgnoreCase("bearer");
    }

    boolean isBasic() {
        return scheme.equalsIgnoreCase("basic");
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The first Bearer or Basic challenge among the headers, Bearer preferred. */
    static Optional<BearerChallenge> first(List<String> headers) {
        BearerChallenge basic = null;
        for (String h : headers) {
            Optional<BearerChallenge> c = parse(h);
            if (c.isPresent() && c.get().isBearer()) {
                return c;
            }
            if (c.isPresent() && c.get().isBasic() && basic == null) {
                basic = c.get();
            }
        }
        return Optional.ofNullable(basic);
    }

    static Optional<BearerChallenge> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        int space = h.indexOf(' ');
        String scheme = space < 0 ? h : h.substring(0, space);
        if (scheme.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (space >= 0) {
            Matcher m = PARAM.matcher(h.substring(space + 1));
            while (m.find()) {
                String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
                params.put(m.group(1).toLowerCase(Locale.ROOT), value);
            }
        }
        return Optional.of(new BearerChallenge(scheme, params));
    }
}
