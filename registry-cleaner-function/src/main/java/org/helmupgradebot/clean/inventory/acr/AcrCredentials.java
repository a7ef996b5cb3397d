package org.helmupgradebot.clean.inventory.acr;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;

/**
 * Picks the credential for ACR: a managed identity when asked ({@code --identity}) or when
 * {@code AZURE_CLIENT_ID} names one (Function App), otherwise the local {@code az login}.
 */
public final class AcrCredentials {
    private AcrCredentials() {}

    public static TokenCredential choose(boolean identity, String azureClientId) {
        if (azureClientId != null && !azureClientId.isBlank()) {
            return new ManagedIdentityCredentialBuilder().clientId(azureClientId).build();
        }
        if (identity) {
            return new ManagedIdentityCredentialBuilder().build();
        }
        return new AzureCliCredentialBuilder().build();
    }
}
