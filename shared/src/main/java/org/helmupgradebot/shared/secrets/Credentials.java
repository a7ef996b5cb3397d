package org.helmupgradebot.shared.secrets;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import java.util.Map;
import org.helmupgradebot.shared.settings.CredentialSettings;

/**
 * Builds the one Azure credential the settings name. Deliberately not DefaultAzureCredential: its
 * long chain hides which identity was used and slows every failure down.
 */
public final class Credentials {
    private Credentials() {}

    /**
     * The credential for the settings; for client-secret, the secret is read from {@code values}
     * (already validated by {@link CredentialSettings#read}) and registered with the redactor.
     */
    public static TokenCredential create(CredentialSettings settings, Map<String, String> values, Redactor redactor) {
        return switch (settings.kind()) {
            case MANAGED_IDENTITY -> {
                ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder();
                settings.clientId().ifPresent(b::clientId);
                yield b.build();
            }
            case AZURE_CLI -> {
                AzureCliCredentialBuilder b = new AzureCliCredentialBuilder();
                settings.tenantId().ifPresent(b::tenantId);
                yield b.build();
            }
            case CLIENT_SECRET -> {
                String secret = values.get(CredentialSettings.CLIENT_SECRET);
                redactor.add(secret);
                yield new ClientSecretCredentialBuilder()
                        .tenantId(settings.tenantId().orElseThrow())
                        .clientId(settings.clientId().orElseThrow())
                        .clientSecret(secret)
                        .build();
            }
        };
    }
}
