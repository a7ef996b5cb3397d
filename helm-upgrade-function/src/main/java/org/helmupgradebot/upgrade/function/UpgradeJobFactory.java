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
     * The factory the deployed Function uses.
     *
     * <p>WIRING (the one spot in this module): replace the body with the construction of the real
     * upgrade run from {@code setup.settings()}, {@code setup.secrets()} (the GitHub token) and
     * {@code setup.dryRun()}, as the command line does.
     */
    static UpgradeJobFactory wired() {
        return setup -> {
            throw new IllegalStateException(
                    "the upgrade job is not wired into the Azure Function yet (see UpgradeJobFactory.wired())");
        };
    }
}
