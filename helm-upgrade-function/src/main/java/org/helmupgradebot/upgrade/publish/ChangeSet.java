package org.helmupgradebot.upgrade.publish;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.helmupgradebot.upgrade.config.RepositoryName;

/**
 * What one target's pull request should contain: the edited files (path to full new text), the
 * bumps that explain them, and the labels and reviewers to apply. {@code base} is the commit the
 * files were read at, when known (see {@link GitHubFiles}); the commit is then built on exactly that
 * commit, so a base branch that moves during the run cannot be reverted by the bot.
 */
public record ChangeSet(String repo, String baseBranch, String targetName, Map<String, String> files,
                        List<BumpSummary> bumps, List<String> labels, List<String> reviewers,
                        Optional<BaseCommit> base) {

    public ChangeSet {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(baseBranch, "baseBranch");
        Objects.requireNonNull(targetName, "targetName");
        if (!RepositoryName.isValid(repo)) {
            throw new IllegalArgumentException("repository '" + repo + "' is not of the form owner/name");
        }
        files = Map.copyOf(new TreeMap<>(files == null ? Map.of() : files));
        bumps = List.copyOf(bumps == null ? List.of() : bumps);
        labels = List.copyOf(labels == null ? List.of() : labels);
        reviewers = List.copyOf(reviewers == null ? List.of() : reviewers);
        base = base == null ? Optional.empty() : base;
    }

    /** A change whose files were not read at a known commit: it is built on the branch's current head. */
    public ChangeSet(String repo, String baseBranch, String targetName, Map<String, String> files,
                     List<BumpSummary> bumps, List<String> labels, List<String> reviewers) {
        this(repo, baseBranch, targetName, files, bumps, labels, reviewers, Optional.empty());
    }

    /** True when there is nothing to publish. */
    public boolean isEmpty() {
        return bumps.isEmpty() || files.isEmpty();
    }

    /** The bot's branch for this target: deterministic, so each run finds its own work. */
    public String branchName() {
        String safe = targetName.trim().replaceAll("[^A-Za-z0-9._/-]+", "-")
                .replaceAll("/{2,}", "/").replaceAll("^[-/.]+|[-/.]+$", "");
        return "helm-upgrade-bot/" + (safe.isEmpty() ? "default" : safe);
    }

    /** The commit a snapshot of files was read at, with its tree. */
    public record BaseCommit(String sha, String treeSha) {
        public BaseCommit {
            Objects.requireNonNull(sha, "sha");
            Objects.requireNonNull(treeSha, "treeSha");
        }
    }
}
