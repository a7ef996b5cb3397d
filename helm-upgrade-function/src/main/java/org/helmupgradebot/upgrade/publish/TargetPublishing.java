package org.helmupgradebot.upgrade.publish;

import org.helmupgradebot.upgrade.config.Target;
import org.helmupgradebot.upgrade.files.TargetFiles;
import org.helmupgradebot.upgrade.plan.PublishGroup;

/** What a run needs from a code platform for targets that name {@code owner/repo}. */
public interface TargetPublishing {

    /** The target's files at the head of its base branch (all read at one commit). */
    TargetFiles files(Target target);

    /**
     * Opens or updates the pull request of one publish group (the target's own, or a {@code major: separate}
     * bump's) on the branch {@code helm-upgrade-bot/<group name>}, or does nothing when it already holds
     * the group's edits.
     */
    PublishResult publish(Target target, PublishGroup group);

    /** Creates or edits the target's dashboard issue to say what this run found. */
    DashboardPublisher.Result dashboard(Target target, DashboardText.State state);
}
