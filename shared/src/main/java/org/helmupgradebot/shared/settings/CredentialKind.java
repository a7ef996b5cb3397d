package org.helmupgradebot.shared.settings;

import java.util.Map;

/** Which single Azure credential the app uses, chosen by the AZURE_CREDENTIAL setting. */
public enum CredentialKind {
    /** The Function App's managed identity (system-assigned, or user-assigned by client id). */
    MANAGED_IDENTITY("managed-identity"),
    /** The developer's `az login` session. */
    AZURE_CLI("azure-cli"),
    /** A service principal from AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET (CI). */
    CLIENT_SECRET("client-secret");

    private final String word;

    CredentialKind(String word) {
        this.word = word;
    }

    /** The setting's word for this kind. */
    public String word() {
        return word;
    }

    static Map<String, CredentialKind> byWord() {
        return Map.of(MANAGED_IDENTITY.word, MANAGED_IDENTITY, AZURE_CLI.word, AZURE_CLI,
                CLIENT_SECRET.word, CLIENT_SECRET);
    }
}
