package org.helmupgradebot.clean.function;

import org.helmupgradebot.shared.report.SettingsProblemsJob;
import java.util.Optional;
import org.helmupgradebot.clean.CleanRun;
import org.helmupgradebot.clean.cli.BackendFactory;
import org.helmupgradebot.clean.inventory.ProgressLog;
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.inventory.acr.AcrRegistryBackend;
import org.helmupgradebot.clean.inventory.oci.OciRegistryBackend;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.oci.Credentials;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import org.helmupgradebot.shared.report.Job;
import org.helmupgradebot.shared.report.JobSetup;
import org.helmupgradebot.shared.settings.SettingsException;

/** Turns one invocation's settings and the app's identity into the clean run the command line would build. */
final class CleanJobBuilder {
    private CleanJobBuilder() {}

    static Job create(JobSetup setup) {
        CleanFunctionSettings s;
        try {
            s = CleanFunctionSettings.read(setup.settings(), setup.dryRun());
        } catch (SettingsException e) {
            return new SettingsProblemsJob(RegistryCleanerFunction.JOB, e.problems());
        }
        return new CleanRun(backend(s, setup), s.settings()).withProgress(ProgressLog.to(line -> setup.log().info(RegistryCleanerFunction.JOB + ": " + line)));
    }

    private static RegistryBackend backend(CleanFunctionSettings s, JobSetup setup) {
        String endpoint = s.registry().toString();
        if (s.kind() == BackendFactory.Kind.ACR) {
            // The app's managed identity (AcrPull + AcrDelete on this registry only, see infra/).
            return AcrRegistryBackend.create(endpoint, setup.credential().get());
        }
        Optional<Credentials> basic = s.username().map(user -> new Credentials(user,
                setup.secrets().get(CleanFunctionSettings.passwordSecretName(setup.settings())).value()));
        OciRegistryClient client = new OciRegistryClient(s.registry(), new RetryingHttpClient(HttpOptions.fromSettings(setup.settings())),
                basic, OciRegistryClient.DEFAULT_PAGE_SIZE);
        return new OciRegistryBackend(client);
    }
}
