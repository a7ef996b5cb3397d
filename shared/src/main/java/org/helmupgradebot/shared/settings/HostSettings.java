package org.helmupgradebot.shared.settings;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The settings every hosted run shares: dry run, the Azure credential, where secrets come from
 * (Key Vault or the environment) and where reports go (a blob container, optional).
 *
 * @param keyVaultUrl KEY_VAULT_URL, e.g. https://my-vault.vault.azure.net/; empty: secrets from the environment
 * @param reportContainerUrl REPORT_CONTAINER_URL, e.g. https://acct.blob.core.windows.net/reports; empty: log only
 */
public record HostSettings(boolean dryRun, CredentialSettings credential, Optional<URI> keyVaultUrl,
        Optional<URI> reportContainerUrl) {
    public static final String KEY_VAULT_URL = "KEY_VAULT_URL";
    public static final String REPORT_CONTAINER_URL = "REPORT_CONTAINER_URL";

    /**
     * Reads and validates the settings; throws {@link SettingsException} listing every problem.
     *
     * @param dryRunSetting the job's dry-run switch, e.g. UPGRADE_DRY_RUN or CLEAN_DRY_RUN
     */
    public static HostSettings read(Map<String, String> values, String dryRunSetting) {
        SettingsReader r = new SettingsReader(values);
        boolean dryRun = r.bool(dryRunSetting, false);
        CredentialSettings credential = CredentialSettings.read(r);
        Optional<URI> vault = r.optionalHttpsUrl(KEY_VAULT_URL);
        Optional<URI> reports = r.optionalHttpsUrl(REPORT_CONTAINER_URL);
        reports.ifPresent(u -> {
            String path = u.getPath() == null ? "" : u.getPath().replaceAll("^/+|/+$", "");
            // Emulators (Azurite, IP-style URLs) put the account first: 127.0.0.1:10000/account/container.
            boolean ipStyle = u.getHost().matches("[0-9.]+|\\[.*\\]|localhost");
            if (path.isEmpty() || (path.contains("/") && !ipStyle)) {
                r.problem(REPORT_CONTAINER_URL, "'" + u.getScheme() + "://" + u.getRawAuthority() + u.getRawPath() + "' must name one container, e.g. https://<account>.blob.core.windows.net/reports");
            }
            if (u.getQuery() != null) {
                r.problem(REPORT_CONTAINER_URL, "must not carry a query (no SAS tokens; the app's identity is used)");
            }
        });
        r.check();
        return new HostSettings(dryRun, credential, vault, reports);
    }
}
