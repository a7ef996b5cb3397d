package org.helmupgradebot.shared.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.Set;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.HttpReply;

/** The one place registry replies become {@link HttpFailure}s, with the distribution error codes named. */
final class RegistryErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryErrors() {}

    /** The failure for an unexpected reply; codes such as {@code MANIFEST_UNKNOWN} come from a JSON error body. */
    static HttpFailure of(HttpReply reply) {
        String codes = codes(reply.body());
        if (reply.status() == 405 && reply.method().equals("DELETE")) {
            return new HttpFailure(HttpFailure.Kind.NOT_ALLOWED, 405, reply.method(), reply.uri(),
                    "405 Method Not Allowed: deletion disabled on this registry"
                            + (codes.isEmpty() ? "" : " (" + codes + ")"),
                    reply.attempts(), null);
        }
        return HttpFailure.forStatus(reply.method(), reply.uri(), reply.status(), reply.attempts(), codes);
    }

    /** Error codes only: messages and details may echo request data, codes never do. */
    private static String codes(byte[] body) {
        if (body == null || body.length == 0 || body[0] != '{') {
            return "";
        }
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            Set<String> codes = new LinkedHashSet<>();
            for (JsonNode e : errors) {
                String code = e.path("code").asText("");
                if (code.matches("[A-Z_]{1,40}")) {
                    codes.add(code);
                }
            }
            return String.join(", ", codes);
        } catch (java.io.IOException notJson) {
            return "";
        }
    }
}
