package org.helmupgradebot.upgrade.function;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.report.FunctionInvocation;
import org.helmupgradebot.shared.report.Job;
import org.helmupgradebot.shared.report.JobSetup;
import org.helmupgradebot.upgrade.wiring.UpgradeJobs;
import org.helmupgradebot.upgrade.wiring.UpgradeSettings;

/** Builds the upgrade job (the same services the command line builds) for one Function invocation. */
@FunctionalInterface
public interface UpgradeJobFactory extends FunctionInvocation.JobFactory {
    @Override
    Job create(JobSetup setup);

    /**
     * The factory the deployed Function uses: the job's settings (CONFIG_REPO or UPGRADE_CONFIG, GitHub; see
     * {@link UpgradeSettings}), checked with the host's, the GitHub token or App key from the secret source,
     * and the dry-run switch, into the same job the command line builds.
     */
    static UpgradeJobFactory wired() {
        // Nothing of the job is loaded before the first invocation: the classes load when these methods run.
        return new UpgradeJobFactory() {
            @Override
            public Job create(JobSetup setup) {
                return UpgradeJobs.create(UpgradeSettings.read(setup.settings()), setup.dryRun(), Optional.empty(),
                        Map.of(), setup.secrets(), HttpOptions.fromSettings(setup.settings()));
            }

            @Override
            public List<String> settingsProblems(Map<String, String> settings) {
                return UpgradeSettings.problems(settings);
            }
        };
    }
}
