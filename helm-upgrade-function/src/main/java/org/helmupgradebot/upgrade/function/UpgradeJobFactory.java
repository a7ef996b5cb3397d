package org.helmupgradebot.upgrade.function;

import org.helmupgradebot.shared.report.FunctionInvocation;
import org.helmupgradebot.shared.report.Job;
import org.helmupgradebot.shared.report.JobSetup;

/** Builds the upgrade job (the same services the command line builds) for one Function invocation. */
@FunctionalInterface
public interface UpgradeJobFactory extends FunctionInvocation.JobFactory {
    @Override
    Job create(JobSetup setup);

    /**
     * The factory the deployed Function uses: settings (UPGRADE_CONFIG, or CONFIG_REPO with
     * UPGRADE_CHART_FILES ...; see {@link UpgradeFunctionSettings}), the GitHub token or App key from the
     * secret source, and the dry-run switch, into the same {@code UpgradeRun} the command line builds.
     */
    static UpgradeJobFactory wired() {
        // A lambda, not a method reference: nothing of the job is loaded before the first invocation.
        return setup -> UpgradeJobBuilder.create(setup);
    }
}
