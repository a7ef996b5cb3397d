package org.helmupgradebot.shared.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostSettingsTest {
    @Test
    void defaultsOutsideAzureAreAzureCliNoVaultNoContainerRealRun() {
        HostSettings s = HostSettings.read(Map.of(), "UPGRADE_DRY_RUN");
        assertFalse(s.dryRun());
        assertEquals(CredentialKind.AZURE_CLI, s.credential().kind());
        assertEquals(Optional.empty(), s.keyVaultUrl());
        assertEquals(Optional.empty(), s.reportContainerUrl());
    }

    @Test
    void insideAzureTheDefaultIsTheManagedIdentity() {
        HostSettings s = HostSettings.read(Map.of("WEBSITE_SITE_NAME", "hub-upgrade",
                "AZURE_MANAGED_IDENTITY_CLIENT_ID", "00000000-1111-2222-3333-444444444444"), "UPGRADE_DRY_RUN");
        assertEquals(CredentialKind.MANAGED_IDENTITY, s.credential().kind());
        assertEquals(Optional.of("00000000-1111-2222-3333-444444444444"), s.credential().clientId());
    }

    @Test
    void readsAFullConfiguration() {
        HostSettings s = HostSettings.read(Map.of("CLEAN_DRY_RUN", "TRUE", "AZURE_CREDENTIAL", "Managed-Identity",
                "KEY_VAULT_URL", "https://hub-kv.vault.azure.net/",
                "REPORT_CONTAINER_URL", "https://hubreports.blob.core.windows.net/reports"), "CLEAN_DRY_RUN");
        assertTrue(s.dryRun());
        assertEquals(CredentialKind.MANAGED_IDENTITY, s.credential().kind());
        assertEquals(Optional.of(URI.create("https://hub-kv.vault.azure.net/")), s.keyVaultUrl());
        assertEquals(Optional.of(URI.create("https://hubreports.blob.core.windows.net/reports")), s.reportContainerUrl());
    }

    @Test
    void everyProblemIsListedOneLineEachNamingTheSetting() {
        SettingsException e = assertThrows(SettingsException.class, () -> HostSettings.read(Map.of(
                "UPGRADE_DRY_RUN", "maybe",
                "AZURE_CREDENTIAL", "client-secret",
                "AZURE_CLIENT_ID", "11111111-2222-3333-4444-555555555555",
                "KEY_VAULT_URL", "http://hub-kv.vault.azure.net/",
                "REPORT_CONTAINER_URL", "https://acct.blob.core.windows.net/reports?sv=2024&sig=SECRETSIG"),
                "UPGRADE_DRY_RUN"));
        assertEquals(List.of(
                "setting UPGRADE_DRY_RUN: 'maybe' is not true or false",
                "setting AZURE_TENANT_ID: missing (tenant of the service principal, needed by AZURE_CREDENTIAL=client-secret)",
                "setting AZURE_CLIENT_SECRET: missing (secret of the service principal, needed by AZURE_CREDENTIAL=client-secret)",
                "setting KEY_VAULT_URL: 'http://hub-kv.vault.azure.net/' is not an https:// URL",
                "setting REPORT_CONTAINER_URL: must not carry a query (no SAS tokens; the app's identity is used)"),
                e.problems());
        assertEquals(String.join("\n", e.problems()), e.getMessage());
        assertFalse(e.getMessage().contains("SECRETSIG"));
    }

    @Test
    void unknownCredentialKindNamesTheChoices() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> HostSettings.read(Map.of("AZURE_CREDENTIAL", "default"), "X_DRY_RUN"));
        assertEquals(List.of("setting AZURE_CREDENTIAL: 'default' is not one of azure-cli, client-secret, managed-identity"),
                e.problems());
    }

    @Test
    void containerUrlMustNameOneContainerExceptOnEmulators() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> HostSettings.read(Map.of("REPORT_CONTAINER_URL", "https://acct.blob.core.windows.net/"), "X"));
        assertTrue(e.getMessage().startsWith("setting REPORT_CONTAINER_URL: 'https://acct.blob.core.windows.net/' must name one container"),
                e.getMessage());
        HostSettings azurite = HostSettings.read(
                Map.of("REPORT_CONTAINER_URL", "https://127.0.0.1:10000/devstoreaccount1/reports"), "X");
        assertEquals("/devstoreaccount1/reports", azurite.reportContainerUrl().orElseThrow().getPath());
    }
}
