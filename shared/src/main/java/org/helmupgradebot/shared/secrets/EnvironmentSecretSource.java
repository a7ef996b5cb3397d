package org.helmupgradebot.shared.secrets;

import java.util.Locale;
import java.util.Map;

/**
 * Secrets from environment variables, the path outside Azure: secret {@code github-token} is read
 * from {@code GITHUB_TOKEN}.
 */
public final class EnvironmentSecretSource implements SecretSource {
    private final Map<String, String> environment;
    private final Redactor redactor;

    public EnvironmentSecretSource(Map<String, String> environment, Redactor redactor) {
        this.environment = Map.copyOf(environment);
        this.redactor = redactor;
    }

    /** The environment variable that holds a secret: upper case, dashes as underscores. */
    public static String variableName(String secretName) {
        return secretName.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public Secret get(String name) {
        String variable = variableName(name);
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new SecretException("environment variable " + variable + " (secret '" + name
                    + "') is not set; set it, or set KEY_VAULT_URL to read the secret from Key Vault");
        }
        redactor.add(value);
        return new Secret(name, value.strip());
    }

    @Override
    public String describe() {
        return "environment variables";
    }
}
