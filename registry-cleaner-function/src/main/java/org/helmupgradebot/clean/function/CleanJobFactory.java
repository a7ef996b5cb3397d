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
     * The factory the deployed Function uses: settings (REGISTRY_LOGIN_SERVER, CLEAN_*; see
     * {@link CleanFunctionSettings}), the app's identity for ACR and the dry-run switch, into the same
     * {@code CleanRun} the command line builds.
     */
    static CleanJobFactory wired() {
        // A lambda, not a method reference: Tablesaw and the SDK clients load only when a run starts.
        return setup -> CleanJobBuilder.create(setup);
    }
}
