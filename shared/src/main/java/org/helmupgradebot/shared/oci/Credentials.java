package org.helmupgradebot.shared.oci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Username and password (or token) for a registry's basic auth or token endpoint; never printed. */
public record Credentials(String username, String password) {

    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
