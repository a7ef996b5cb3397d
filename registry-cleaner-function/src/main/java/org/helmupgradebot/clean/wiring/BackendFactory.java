package org.helmupgradebot.clean.wiring;

import com.azure.core.credential.TokenCredential;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.inventory.acr.AcrRegistryBackend;
import org.helmupgradebot.clean.inventory.oci.OciRegistryBackend;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.oci.Credentials;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import org.helmupgradebot.shared.secrets.SecretSource;

/**
 * Builds the registry backend the settings name, for the command line and the Function: ACR (default for
 * {@code https://<name>.azurecr.io}) signed in with the one Azure credential given, or a plain OCI
 * registry, with basic sign-in when REGISTRY_USERNAME is set (its password read by name from the secrets).
 */
public final class BackendFactory {
    /** The backends on offer. */
    public enum Kind { ACR, OCI }

    private BackendFactory() {}

    /** The default kind for a URL. */
    public static Kind kindFor(URI registry) {
        String host = registry.getHost() == null ? "" : registry.getHost().toLowerCase(Locale.ROOT);
        return "https".equals(registry.getScheme()) && host.endsWith(".azurecr.io") ? Kind.ACR : Kind.OCI;
    }

    /**
     * @param acrCredential built only for ACR (the app's managed identity, or the developer's Azure CLI login)
     */
    public static RegistryBackend create(CleanJobSettings s, Supplier<TokenCredential> acrCredential, SecretSource secrets) {
        if (s.kind() == Kind.ACR) {
            return AcrRegistryBackend.create(s.registry().toString(), acrCredential.get());
        }
        Optional<Credentials> basic = s.username().map(user -> new Credentials(user, secrets.get(s.passwordSecret()).value()));
        OciRegistryClient client = new OciRegistryClient(s.registry(), new RetryingHttpClient(s.http()),
                basic, OciRegistryClient.DEFAULT_PAGE_SIZE);
        return new OciRegistryBackend(client);
    }
}
