package org.helmupgradebot.upgrade;

import org.helmupgradebot.upgrade.config.Target;
import org.helmupgradebot.upgrade.files.TargetFiles;
import org.helmupgradebot.upgrade.plan.TargetPlan;

/** What a run needs from GitHub for targets that name {@code owner/repo}: their files, and a place for the PR. */
public interface GitHubGateway {

    /**
     * The text of one file of {@code repo} ({@code owner/name}) at the head of its default branch, e.g. the
     * bot's own config file there.
     *
     * @throws RuntimeException with a one-line message naming the repository and file when it cannot be read
     */
    String defaultBranchFile(String repo, String path);

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
