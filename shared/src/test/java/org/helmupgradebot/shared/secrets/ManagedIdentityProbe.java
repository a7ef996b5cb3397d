package org.helmupgradebot.shared.secrets;

import com.azure.core.credential.TokenCredential;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.helmupgradebot.shared.settings.CredentialSettings;
import org.helmupgradebot.shared.settings.SettingsReader;

/**
 * Run in a child JVM by {@link ManagedIdentityKeyVaultTest}: builds the managed-identity credential from
 * settings exactly as the Function does (the identity endpoint comes from the process environment, as in
 * Azure) and reads one secret; prints the outcome, never the value.
 */
public final class ManagedIdentityProbe {
    public static void main(String[] args) throws Exception {
        URI vault = URI.create(args[0]);
        Map<String, String> settings = Map.of("AZURE_CREDENTIAL", "managed-identity");
        Redactor redactor = new Redactor();
        TokenCredential credential = Credentials.create(
                CredentialSettings.read(new SettingsReader(settings)), settings, redactor);
        KeyVaultSecretSource source = new KeyVaultSecretSource(vault, KeyVaultSecretSource.clientBuilder(vault, credential)
                .httpClient(LoopbackTls.load(Path.of(args[1])).httpClient())
                .disableChallengeResourceVerification().buildClient(), redactor);
        try {
            Secret s = source.get(args[2]);
            System.out.println("PROBE read " + s + " length " + s.value().length()
                    + " masked " + redactor.redact("x" + s.value() + "x"));
        } catch (SecretException e) {
            System.out.println("PROBE error " + e.getMessage());
        }
    }
}
