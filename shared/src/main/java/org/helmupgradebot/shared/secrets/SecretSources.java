package org.helmupgradebot.shared.secrets;

import com.azure.core.credential.TokenCredential;
import java.util.Map;
import java.util.function.Supplier;
import org.helmupgradebot.shared.settings.HostSettings;

/** Picks the secret source the settings ask for: Key Vault when KEY_VAULT_URL is set, else the environment. */
public final class SecretSources {
    private SecretSources() {}

    public static SecretSource fromSettings(HostSettings settings, Map<String, String> environment,
            Supplier<TokenCredential> credential, Redactor redactor) {
        return settings.keyVaultUrl()
                .<SecretSource>map(url -> KeyVaultSecretSource.connect(url, credential.get(), redactor))
                .orElseGet(() -> new EnvironmentSecretSource(environment, redactor));
    }
}
