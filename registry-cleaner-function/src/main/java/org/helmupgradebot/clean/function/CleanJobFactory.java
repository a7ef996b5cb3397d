package org.helmupgradebot.clean.function;

import java.util.List;
import java.util.Map;
import org.helmupgradebot.clean.CleanRun;
import org.helmupgradebot.clean.inventory.ProgressLog;
import org.helmupgradebot.clean.wiring.BackendFactory;
import org.helmupgradebot.clean.wiring.CleanJobSettings;
import org.helmupgradebot.shared.report.FunctionInvocation;
import org.helmupgradebot.shared.report.Job;
import org.helmupgradebot.shared.report.JobSetup;

/** Builds the registry-cleaning job (the same services the command line builds) for one Function invocation. */
@FunctionalInterface
public interface CleanJobFactory extends FunctionInvocation.JobFactory {
    @Override
    Job create(JobSetup setup);

    /**
     * The factory the deployed Function uses: the job's settings (REGISTRY_LOGIN_SERVER, CLEAN_*; see
     * {@link CleanJobSettings}), checked with the host's, the app's identity for ACR and the dry-run
     * switch, into the same {@code CleanRun} the command line builds.
     */
    static CleanJobFactory wired() {
        // Tablesaw and the SDK clients load only when a run starts: nothing of the job is touched before.
        return new CleanJobFactory() {
            @Override
            public Job create(JobSetup setup) {
                CleanJobSettings s = CleanJobSettings.read(setup.settings(), setup.dryRun());
                // ACR: the app's managed identity (AcrPull + AcrDelete on this registry only, see infra/).
                return new CleanRun(BackendFactory.create(s, setup.credential(), setup.secrets()), s.settings())
                        .withProgress(ProgressLog.to(line -> setup.log().info(RegistryCleanerFunction.JOB + ": " + line)))
                        .withChart(setup.host().reportContainerUrl().isPresent()); // only a stored report shows it
            }

            @Override
            public List<String> settingsProblems(Map<String, String> settings) {
                return CleanJobSettings.problems(settings);
            }
        };
    }
}
