package org.helmupgradebot.upgrade.function;

import org.helmupgradebot.shared.report.SettingsProblemsJob;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.report.Job;
import org.helmupgradebot.shared.report.JobSetup;
import org.helmupgradebot.shared.settings.SettingsException;
import org.helmupgradebot.upgrade.cli.UpgradeJobs;
import org.helmupgradebot.upgrade.publish.GitHubAuth;

/** Turns one invocation's settings and secrets into the upgrade run the command line would build. */
final class UpgradeJobBuilder {
    private UpgradeJobBuilder() {}

    static Job create(JobSetup setup) {
        UpgradeFunctionSettings settings;
        try {
            settings = UpgradeFunctionSettings.read(setup.settings());
        } catch (SettingsException e) {
            return new SettingsProblemsJob(HelmUpgradeFunction.JOB, e.problems());
        }
        // Local-folder targets (UPGRADE_CONFIG with dir:) need no GitHub sign-in.
        Optional<GitHubAuth> auth = settings.needsGitHub()
                ? Optional.of(settings.github().resolve(setup.secrets())) : Optional.empty();
        return UpgradeJobs.create(settings.config(), setup.dryRun(), Optional.empty(), auth,
                settings.githubEndpoint(), HttpOptions.fromSettings(setup.settings()));
    }
}
