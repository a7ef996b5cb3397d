package org.helmupgradebot.shared.secrets;

import org.helmupgradebot.shared.http.AzureSdkHttp;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import java.net.URI;

/** Secrets from an Azure Key Vault (RBAC mode), read with the app's own credential. */
public final class KeyVaultSecretSource implements SecretSource {
    private final URI vaultUrl;
    private final SecretClient client;
    private final Redactor redactor;

    KeyVaultSecretSource(URI vaultUrl, SecretClient client, Redactor redactor) {
        this.vaultUrl = vaultUrl;
        this.client = client;
        this.redactor = redactor;
    }

    /** A source for the vault at {@code vaultUrl} (https://name.vault.azure.net/) using {@code credential}. */
    public static KeyVaultSecretSource connect(URI vaultUrl, TokenCredential credential, Redactor redactor) {
        return new KeyVaultSecretSource(vaultUrl, clientBuilder(vaultUrl, credential).buildClient(), redactor);
    }

    /** The client builder the source uses: the shared Azure SDK bounds, so an unreachable vault fails in seconds. */
    static SecretClientBuilder clientBuilder(URI vaultUrl, TokenCredential credential) {
        return new SecretClientBuilder()
                .vaultUrl(vaultUrl.toString())
                .credential(credential)
                .clientOptions(AzureSdkHttp.clientOptions())
                .retryOptions(AzureSdkHttp.retryOptions());
    }

    @Override
    public Secret get(String name) {
        KeyVaultSecret secret;
        try {
            secret = client.getSecret(name);
        } catch (RuntimeException e) {
            throw new SecretException(redactor.redact(describe() + ": " + problem(name, e)));
        }
        // A token stored with `--file` often ends in a newline, which would break an HTTP header.
        String value = secret == null || secret.getValue() == null ? null : secret.getValue().strip();
        if (value == null || value.isEmpty()) {
            throw new SecretException(describe() + ": secret '" + name + "' has no value");
        }
        redactor.add(value);
        return new Secret(name, value);
    }

    private static String problem(String name, RuntimeException e) {
        int status = AzureErrors.status(e);
        return switch (status) {
            case 404 -> "secret '" + name + "' not found";
            case 403 -> "access to secret '" + name + "' denied (403); give this app's identity the "
                    + "Key Vault Secrets User role on the vault";
            case 401 -> "the vault refused the token (401) reading secret '" + name + "'";
            case -1 -> e instanceof ClientAuthenticationException || isCredentialFailure(e)
                    ? "could not get a token to read secret '" + name + "': " + AzureErrors.firstLine(e.getMessage())
                    : "unreachable reading secret '" + name + "' (" + AzureErrors.transportProblem(e) + ")";
            default -> "HTTP " + status + " reading secret '" + name + "'"
                    + (e instanceof HttpResponseException ? "" : ": " + AzureErrors.firstLine(e.getMessage()));
        };
    }

    private static boolean isCredentialFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ClientAuthenticationException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe() {
        return "Key Vault " + vaultUrl;
    }
}
