package org.helmupgradebot.shared.settings;

import java.util.Optional;

/**
 * The Azure credential to build: its kind and, for a user-assigned managed identity or a service
 * principal, the ids. The client secret itself is not held here; it is read when the credential is built.
 */
public record CredentialSettings(CredentialKind kind, Optional<String> clientId, Optional<String> tenantId) {
    public static final String KIND = "AZURE_CREDENTIAL";
    public static final String MANAGED_IDENTITY_CLIENT_ID = "AZURE_MANAGED_IDENTITY_CLIENT_ID";
    public static final String TENANT_ID = "AZURE_TENANT_ID";
    public static final String CLIENT_ID = "AZURE_CLIENT_ID";
    public static final String CLIENT_SECRET = "AZURE_CLIENT_SECRET";
    /** Set by App Service / Functions on every app; its presence means "running in Azure". */
    static final String WEBSITE_SITE_NAME = "WEBSITE_SITE_NAME";

    /**
     * Reads AZURE_CREDENTIAL (managed-identity, azure-cli or client-secret). When absent it is
     * managed-identity inside Azure (WEBSITE_SITE_NAME set) and azure-cli elsewhere; no chain is tried.
     */
    public static CredentialSettings read(SettingsReader r) {
        CredentialKind fallback = r.optional(WEBSITE_SITE_NAME).isPresent()
                ? CredentialKind.MANAGED_IDENTITY : CredentialKind.AZURE_CLI;
        CredentialKind kind = r.choice(KIND, CredentialKind.byWord(), fallback);
        return switch (kind) {
            case MANAGED_IDENTITY -> new CredentialSettings(kind, r.optional(MANAGED_IDENTITY_CLIENT_ID), Optional.empty());
            case AZURE_CLI -> new CredentialSettings(kind, Optional.empty(), r.optional(TENANT_ID));
            case CLIENT_SECRET -> {
                String tenant = r.required(TENANT_ID, "tenant of the service principal, needed by AZURE_CREDENTIAL=client-secret");
                String client = r.required(CLIENT_ID, "client id of the service principal, needed by AZURE_CREDENTIAL=client-secret");
                r.required(CLIENT_SECRET, "secret of the service principal, needed by AZURE_CREDENTIAL=client-secret");
                yield new CredentialSettings(kind, Optional.of(client), Optional.of(tenant));
            }
        };
    }
}
