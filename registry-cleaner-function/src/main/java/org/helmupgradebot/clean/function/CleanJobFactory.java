package org.helmupgradebot.clean.function;

import org.helmupgradebot.shared.report.FunctionInvocation;
import org.helmupgradebot.shared.report.Job;
import org.helmupgradebot.shared.report.JobSetup;

/** Builds the registry-cleaning job (the same services the command line builds) for one Function invocation. */
@FunctionalInterface
public interface CleanJobFactory extends FunctionInvocation.JobFactory {
    @Override
    Job create(JobSetup setup);

    /**
     * The factory the deployed Function uses.
     *
     * <p>WIRING (the one spot in this module): replace the body with the construction of the real
     * clean run from {@code setup.settings()}, {@code setup.credential()} (the app's identity, for ACR)
     * and {@code setup.dryRun()}, as the command line does.
     */
    static CleanJobFactory wired() {
        return setup -> {
            throw new IllegalStateException(
                    "the registry-cleaning job is not wired into the Azure Function yet (see CleanJobFactory.wired())");
        };
    }
}
