package org.helmupgradebot.upgrade;

import org.helmupgradebot.upgrade.config.Target;
import org.helmupgradebot.upgrade.files.TargetFiles;
import org.helmupgradebot.upgrade.plan.PublishGroup;

/** What a run needs from GitHub for targets that name {@code owner/repo}: their files, and a place for the PR. */
public interface GitHubGateway {

    /** The target's files at the head of its base branch. */
    TargetFiles files(Target target);

    /**
     * Opens or updates the pull request of one publish group (its branch is {@code helm-upgrade-bot/<group
     * name>}) for the group's edits, or does nothing when it already holds them.
     *
     * @return one line for the report, e.g. {@code created pull request #12 https://github.com/…}
     */
    String publish(Target target, PublishGroup group);
}
