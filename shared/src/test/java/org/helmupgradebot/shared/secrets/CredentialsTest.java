package org.helmupgradebot.shared.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.azure.identity.AzureCliCredential;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ManagedIdentityCredential;
import java.util.Map;
import org.helmupgradebot.shared.settings.CredentialSettings;
import org.helmupgradebot.shared.settings.SettingsReader;
import org.junit.jupiter.api.Test;

/** The credential is the one the settings name, never a chain. */
class CredentialsTest {
    private static Object build(Map<String, String> env, Redactor r) {
        return Credentials.create(CredentialSettings.read(new SettingsReader(env)), env, r);
    }

    @Test
    void managedIdentityInAzure() {
        assertInstanceOf(ManagedIdentityCredential.class, build(Map.of("WEBSITE_SITE_NAME", "app"), new Redactor()));
        assertInstanceOf(ManagedIdentityCredential.class,
                build(Map.of("AZURE_CREDENTIAL", "managed-identity", "AZURE_MANAGED_IDENTITY_CLIENT_ID", "abc"), new Redactor()));
    }

    @Test
    void azureCliLocally() {
        assertInstanceOf(AzureCliCredential.class, build(Map.of(), new Redactor()));
    }

    @Test
    void clientSecretRegistersTheSecretForRedaction() {
        Redactor r = new Redactor();
        Map<String, String> env = Map.of("AZURE_CREDENTIAL", "client-secret", "AZURE_TENANT_ID", "t-1",
                "AZURE_CLIENT_ID", "c-1", "AZURE_CLIENT_SECRET", "sp-secret-value-123");
        assertInstanceOf(ClientSecretCredential.class, build(env, r));
        assertEquals("*** leaked?", r.redact("sp-secret-value-123 leaked?"));
    }
}
