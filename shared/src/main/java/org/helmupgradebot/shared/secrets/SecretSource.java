package org.helmupgradebot.shared.secrets;

/** Where secrets (the GitHub token, a GitHub App key) come from: Key Vault or the environment. */
public interface SecretSource {
    /**
     * Reads a secret by its Key Vault style name (letters, digits, dashes), e.g. {@code github-token}.
     *
     * @throws SecretException with a one-line message when it is missing or cannot be read
     */
    Secret get(String name);

    /** Where the secrets come from, for messages, e.g. {@code Key Vault https://x.vault.azure.net/}. */
    String describe();
}
