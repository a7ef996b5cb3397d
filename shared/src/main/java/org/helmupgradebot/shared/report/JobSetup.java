package org.helmupgradebot.shared.report;

import com.azure.core.credential.TokenCredential;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.helmupgradebot.shared.secrets.Redactor;
import org.helmupgradebot.shared.secrets.SecretSource;
import org.helmupgradebot.shared.settings.HostSettings;

/**
 * What a hosted run hands the job factory: all settings, the validated host settings (dry run,
 * credential, vault, report container), the secret source, the app's credential (built on first use)
 * the redactor that knows every secret read so far, and the invocation's log (for progress while the job runs).
 */
public record JobSetup(Map<String, String> settings, HostSettings host, SecretSource secrets,
        Supplier<TokenCredential> credential, Redactor redactor, Logger log) {
    public boolean dryRun() {
        return host.dryRun();
    }
}
