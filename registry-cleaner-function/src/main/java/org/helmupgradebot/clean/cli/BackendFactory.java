package org.helmupgradebot.clean.cli;

import java.net.URI;
import java.util.Locale;
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.inventory.acr.AcrCredentials;
import org.helmupgradebot.clean.inventory.acr.AcrRegistryBackend;

/** Builds the backend for a registry URL: ACR for {@code https://<name>.azurecr.io} unless told otherwise, else OCI. */
public final class BackendFactory {
    /** The backends the command line offers. */
    public enum Kind { ACR, OCI }

    private BackendFactory() {}

    /** The default kind for a URL. */
    public static Kind kindFor(URI registry) {
        String host = registry.getHost() == null ? "" : registry.getHost().toLowerCase(Locale.ROOT);
        return "https".equals(registry.getScheme()) && host.endsWith(".azurecr.io") ? Kind.ACR : Kind.OCI;
    }

    /** Checks a registry URL: http(s) with a host, nothing after the host but an optional port. */
    public static URI parseRegistry(String text) {
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--registry '" + text + "' is not a URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("--registry '" + text + "' must be http(s)://host[:port]");
        }
        return uri;
    }

    public static RegistryBackend create(URI registry, Kind kind, boolean identity) {
        String endpoint = registry.getScheme() + "://" + registry.getAuthority();
        return switch (kind) {
            case ACR -> AcrRegistryBackend.create(endpoint,
                    AcrCredentials.choose(identity, System.getenv("AZURE_CLIENT_ID")));
            case OCI -> oci(endpoint);
        };
    }

    // ---- OCI backend: the single spot the lead wires after merge ----------------------------------
    // Replace the body with: return new org.helmupgradebot.clean.inventory.oci.OciRegistryBackend(endpoint);
    // (or whatever constructor/factory that class offers).
    private static RegistryBackend oci(String endpoint) {
        throw new UnsupportedOperationException("OCI backend not available in this build (registry " + endpoint
                + "); use --backend acr for Azure Container Registry");
    }
}
