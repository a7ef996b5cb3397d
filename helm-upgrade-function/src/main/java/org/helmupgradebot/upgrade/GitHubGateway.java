package org.helmupgradebot.upgrade;

import org.helmupgradebot.upgrade.config.Target;
import org.helmupgradebot.upgrade.files.TargetFiles;
import org.helmupgradebot.upgrade.plan.TargetPlan;

/** What a run needs from GitHub for targets that name {@code owner/repo}: their files, and a place for the PR. */
public interface GitHubGateway {

    /** The target's files at the head of its base branch. */
    TargetFiles files(Target target);

    /**
     * Opens or updates the target's single pull request for the plan's edits (or does nothing when
     * it already holds them).
     *
     * @return one line for the report, e.g. {@code created pull request #12 https://github.com/…}
     */
    String publish(Target target, TargetPlan plan);
}
