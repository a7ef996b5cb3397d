package org.helmupgradebot.clean.cli;

import java.util.Optional;
import org.helmupgradebot.clean.inventory.oci.OciRegistryBackend;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.Redaction;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.oci.Credentials;
import org.helmupgradebot.shared.oci.OciRegistryClient;

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

    /**
     * Checks a registry URL: http(s) with a host, nothing after the host but an optional port. A path is
     * an error: the cleaner's scope is chosen with --repository and --exclude-repository, never by a URL.
     * {@code user:password@} is refused: credentials come from the environment, so they are never printed.
     */
    public static URI parseRegistry(String text) {
        String shown = Redaction.text(text.trim());
        if (text.trim().matches("(?i)[a-z][a-z0-9+.-]*://[^/?#]*@.*")) {
            throw new IllegalArgumentException("--registry must not carry user:password@ (" + shown
                    + "): set REGISTRY_USERNAME and REGISTRY_PASSWORD instead");
        }
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--registry '" + shown + "' is not a URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("--registry '" + shown + "' must be http(s)://host[:port]");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("--registry '" + shown + "' has a path: give http(s)://host[:port] only and"
                    + " choose repositories with --repository REGEX (and --exclude-repository REGEX)");
        }
        return uri;
    }

    public static RegistryBackend create(URI registry, Kind kind, boolean identity, HttpOptions http) {
        String endpoint = registry.getScheme() + "://" + registry.getAuthority();
        return switch (kind) {
            case ACR -> AcrRegistryBackend.create(endpoint,
                    AcrCredentials.choose(identity, System.getenv("AZURE_CLIENT_ID")));
            case OCI -> oci(endpoint, http);
        };
    }

    /**
     * A plain OCI distribution registry; basic credentials from {@code REGISTRY_USERNAME} and
     * {@code REGISTRY_PASSWORD} when both are set, else anonymous (with the bearer-token flow).
     */
    private static RegistryBackend oci(String endpoint, HttpOptions http) {
        String user = System.getenv("REGISTRY_USERNAME");
        String password = System.getenv("REGISTRY_PASSWORD");
        Optional<Credentials> credentials = user != null && password != null
                ? Optional.of(new Credentials(user, password)) : Optional.empty();
        OciRegistryClient client = new OciRegistryClient(URI.create(endpoint),
                new RetryingHttpClient(http), credentials, OciRegistryClient.DEFAULT_PAGE_SIZE);
        return new OciRegistryBackend(client);
    }
}
