package org.helmupgradebot.upgrade.publish;

import org.helmupgradebot.upgrade.config.Target;
import org.helmupgradebot.upgrade.files.TargetFiles;
import org.helmupgradebot.upgrade.plan.TargetPlan;

/** What a run needs from a code platform for targets that name {@code owner/repo}. */
public interface TargetPublishing {

    /** The target's files at the head of its base branch (all read at one commit). */
    TargetFiles files(Target target);

    /**
     * Opens or updates the target's single pull request for the plan's edits, or does nothing when it
     * already holds them.
     */
    PublishResult publish(Target target, TargetPlan plan);

    /** Creates or edits the target's dashboard issue to say what this run found. */
    DashboardPublisher.Result dashboard(Target target, DashboardText.State state);
}
