package org.helmupgradebot.clean.inventory.acr;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token scope ACR asks for a request, predicted from its method and path so the first request already
 * carries the right token (a wrong guess costs one 401 and a retry with the challenged scope).
 */
final class AcrScopes {
    static final String CATALOG = "registry:catalog:*";
    private static final Pattern ACR_V1 = Pattern.compile("/acr/v1/(.+?)/_(?:manifests|tags)(?:/.*)?");
    private static final Pattern V2 = Pattern.compile("/v2/(.+?)/(?:manifests|blobs|tags)(?:/.*)?");

    private AcrScopes() {}

    static String of(String method, String rawPath) {
        if (rawPath.startsWith("/acr/v1/_catalog") || rawPath.startsWith("/v2/_catalog")) {
            return CATALOG;
        }
        Matcher acr = ACR_V1.matcher(rawPath);
        if (acr.matches()) {
            String action = switch (method) {
                case "DELETE" -> "delete";
                case "PATCH" -> "metadata_write";
                default -> "metadata_read";
            };
            return scope(acr.group(1), action);
        }
        Matcher v2 = V2.matcher(rawPath);
        if (v2.matches()) {
            return scope(v2.group(1), method.equals("DELETE") ? "delete" : "pull");
        }
        return "";
    }

    static String repository(String name, String action) {
        return "repository:" + name + ":" + action;
    }

    private static String scope(String encodedName, String action) {
        return repository(URLDecoder.decode(encodedName, StandardCharsets.UTF_8), action);
    }
}
