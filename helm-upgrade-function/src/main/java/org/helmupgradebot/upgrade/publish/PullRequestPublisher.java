package org.helmupgradebot.upgrade.publish;

import org.helmupgradebot.upgrade.plan.CompareLink;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.helmupgradebot.upgrade.publish.CodePlatform.PullRequest;
import org.helmupgradebot.upgrade.publish.PlatformException.Kind;

/**
 * The convergence rules that turn a {@link ChangeSet} into exactly one open pull request per target,
 * on any {@link CodePlatform}: a commit on the base commit, the bot's deterministic branch created or
 * force-moved, then the bot's pull request created or updated. A pull request whose branch and text
 * already hold the change (its fingerprint is in the commit trailer and the body) is left alone; a
 * branch a person pushed to is never overwritten (one comment says so); a create whose answer was lost
 * is found on the retry, never duplicated.
 */
public final class PullRequestPublisher {
    /** Merged pull requests listed per bump; the rest are linked. */
    public static final int MERGED_PULLS_SHOWN = 20;

    /** Where the bot's branch lives. */
    public enum PushMode {
        /** A branch of the config repository itself (needs contents: write there). */
        BRANCH,
        /** A branch of the bot account's fork, created when missing and never deleted. */
        FORK
    }

    /**
     * Push mode, fork owner (default: the signed-in user), the identity of the bot's commits, and
     * whether the body lists the merged pull requests between the versions (one comparison per bump).
     */
    public record Options(PushMode mode, Optional<String> forkOwner, String botName, String botEmail,
                          boolean listMergedPulls) {
        public Options {
            Objects.requireNonNull(mode, "mode");
            forkOwner = forkOwner == null ? Optional.empty() : forkOwner;
            Objects.requireNonNull(botName, "botName");
            Objects.requireNonNull(botEmail, "botEmail");
        }

        public Options(PushMode mode, Optional<String> forkOwner, String botName, String botEmail) {
            this(mode, forkOwner, botName, botEmail, true);
        }

        public static Options defaults() {
            return new Options(PushMode.BRANCH, Optional.empty(), "helm-upgrade-bot",
                    "helm-upgrade-bot@users.noreply.github.com", true);
        }

        public Options withMergedPulls(boolean list) {
            return new Options(mode, forkOwner, botName, botEmail, list);
        }

        public Options inFork() {
            return new Options(PushMode.FORK, forkOwner, botName, botEmail, listMergedPulls);
        }
    }

    private final CodePlatform platform;
    private final Options options;
    private final Clock clock;

    public PullRequestPublisher(CodePlatform platform, Options options, Clock clock) {
        this.platform = platform;
        this.options = options;
        this.clock = clock;
    }

    public PullRequestPublisher(CodePlatform platform, Options options) {
        this(platform, options, Clock.systemUTC());
    }

    /** Publishes one target's change; failures are one-line {@link PublishException}s. */
    public PublishResult publish(ChangeSet change) {
        int start = platform.callCount();
        String branch = change.branchName();
        if (change.isEmpty()) {
            return result(PublishResult.Outcome.NOTHING_TO_DO, null, branch, start, "nothing newer than the pins");
        }
        String repo = change.repo();
        String headRepo = options.mode() == PushMode.FORK ? platform.fork(repo, options.forkOwner()) : repo;
        String headOwner = headRepo.substring(0, headRepo.indexOf('/'));
        String fingerprint = PullRequestText.fingerprint(change.files());
        String title = PullRequestText.title(change);

        Optional<PullRequest> pull = findOpenPull(repo, headOwner, branch, change.baseBranch());
        String commitSha = null;
        if (pull.isPresent()) {
            String headSha = pull.get().headSha();
            CodePlatform.CommitInfo head = platform.commitInfo(headRepo, headSha);
            if (!isBotCommit(head)) {
                return skipHumanCommits(pull.get(), repo, branch, headSha, start);
            }
            if (PullRequestText.fingerprintInCommit(head.message()).filter(fingerprint::equals).isPresent()) {
                commitSha = headSha; // the branch already holds exactly this change
                if (pullHolds(pull.get(), title, fingerprint, change.labels())) {
                    return result(PublishResult.Outcome.UNCHANGED, pull.get(), branch, start,
                            "pull request already holds this change");
                }
            }
        }
        if (commitSha == null) {
            commitSha = commit(change, headRepo);
            moveBranch(headRepo, branch, commitSha, pull.isPresent());
        }
        String body = body(change);
        if (pull.isPresent()) {
            updatePull(pull.get(), repo, title, body, change.labels());
            return result(PublishResult.Outcome.UPDATED, pull.get(), branch, start, "");
        }
        return createPull(change, headOwner, branch, title, body, start);
    }

    // --- the branch and its commit ---

    private String commit(ChangeSet change, String headRepo) {
        ChangeSet.BaseCommit base = change.base().orElseGet(() -> platform.head(change.repo(), change.baseBranch()));
        return platform.commit(headRepo, base, change.files(), PullRequestText.commitMessage(change),
                new CodePlatform.Identity(options.botName(), options.botEmail()), clock.instant());
    }

    private void moveBranch(String headRepo, String branch, String sha, boolean exists) {
        if (exists && platform.moveBranch(headRepo, branch, sha)) {
            return;
        }
        try {
            platform.createBranch(headRepo, branch, sha);
            return;
        } catch (PlatformException e) {
            if (!e.is(Kind.CONFLICT)) {
                throw e;
            }
            // The branch is left from an earlier run (or pushed by a person): look before moving it.
        }
        Optional<String> current = platform.branchHead(headRepo, branch);
        if (current.isPresent() && !isBotCommit(platform.commitInfo(headRepo, current.get()))) {
            throw new PublishException("branch '" + branch + "' in " + headRepo
                    + " has commits the bot did not make and no open pull request: not overwriting it");
        }
        if (current.isEmpty() || !platform.moveBranch(headRepo, branch, sha)) {
            throw new PublishException("branch '" + branch + "' in " + headRepo
                    + " vanished while the bot was moving it; the next run will recreate it");
        }
    }

    private boolean isBotCommit(CodePlatform.CommitInfo commit) {
        return commit.authorEmail().filter(options.botEmail()::equalsIgnoreCase).isPresent()
                && PullRequestText.fingerprintInCommit(commit.message()).isPresent();
    }

    // --- the pull request ---

    private Optional<PullRequest> findOpenPull(String repo, String headOwner, String branch, String baseBranch) {
        return platform.openPulls(repo, headOwner, branch, baseBranch).stream()
                .min(Comparator.comparingInt(PullRequest::number));
    }

    private static boolean pullHolds(PullRequest pull, String title, String fingerprint, List<String> labels) {
        return title.equals(pull.title())
                && PullRequestText.fingerprintInBody(pull.body()).filter(fingerprint::equals).isPresent()
                && pull.labels().containsAll(labels);
    }

    /**
     * The body, with the merged pull requests of each bump when asked for: best effort, one comparison
     * per bump with a source repository and two refs; a failure is said in the body, never raised.
     */
    private String body(ChangeSet change) {
        Map<Integer, PullRequestText.Between> between = new LinkedHashMap<>();
        if (options.listMergedPulls()) {
            for (int i = 0; i < change.bumps().size(); i++) {
                BumpSummary bump = change.bumps().get(i);
                Optional<CompareLink.Refs> refs = bump.compareRefs();
                if (bump.sourceRepo().isEmpty() || refs.isEmpty()) {
                    continue;
                }
                try {
                    between.put(i, PullRequestText.Between.listed(platform.mergedPulls(bump.sourceRepo().get(),
                            refs.get().from(), refs.get().to(), MERGED_PULLS_SHOWN)));
                } catch (RuntimeException e) {
                    between.put(i, PullRequestText.Between.failed(e.getMessage() == null
                            ? e.getClass().getSimpleName() : e.getMessage()));
                }
            }
        }
        return PullRequestText.body(change, between);
    }

    private void updatePull(PullRequest pull, String repo, String title, String body, List<String> labels) {
        Optional<String> newTitle = Optional.of(title).filter(t -> !t.equals(pull.title()));
        Optional<String> newBody = Optional.of(body).filter(b -> !b.equals(pull.body()));
        if (newTitle.isPresent() || newBody.isPresent()) {
            platform.editPull(repo, pull.number(), newTitle, newBody);
        }
        List<String> missing = labels.stream().filter(l -> !pull.labels().contains(l)).toList();
        if (!missing.isEmpty()) {
            platform.addLabels(repo, pull.number(), missing);
        }
    }

    private PublishResult createPull(ChangeSet change, String headOwner, String branch, String title, String body,
                                     int start) {
        String repo = change.repo();
        PullRequest pull;
        try {
            pull = platform.createPull(repo, headOwner, branch, change.baseBranch(), title, body);
        } catch (PlatformException e) {
            if (!e.is(Kind.CONFLICT)) {
                throw e;
            }
            // An earlier attempt may have created it although its answer was lost: find it.
            Optional<PullRequest> existing = findOpenPull(repo, headOwner, branch, change.baseBranch());
            if (existing.isEmpty()) {
                throw e;
            }
            updatePull(existing.get(), repo, title, body, change.labels());
            return result(PublishResult.Outcome.UPDATED, existing.get(), branch, start,
                    "found the pull request an earlier attempt created");
        }
        if (!change.labels().isEmpty()) {
            platform.addLabels(repo, pull.number(), change.labels());
        }
        String detail = "";
        if (!change.reviewers().isEmpty()) {
            try {
                platform.requestReviewers(repo, pull.number(), change.reviewers());
            } catch (PlatformException e) {
                // The pull request exists and is useful without reviewers: report, do not fail.
                detail = "reviewers not requested: " + e.getMessage();
            }
        }
        return result(PublishResult.Outcome.CREATED, pull, branch, start, detail);
    }

    private PublishResult skipHumanCommits(PullRequest pull, String repo, String branch, String headSha, int start) {
        boolean commented = platform.comments(repo, pull.number()).stream()
                .anyMatch(c -> c.contains(PullRequestText.HUMAN_COMMITS_MARKER));
        if (!commented) {
            platform.comment(repo, pull.number(), PullRequestText.humanCommitsComment(branch, headSha));
        }
        return result(PublishResult.Outcome.SKIPPED_HUMAN_COMMITS, pull, branch, start,
                "a person pushed to '" + branch + "'; not overwriting" + (commented ? "" : " (commented)"));
    }

    private PublishResult result(PublishResult.Outcome outcome, PullRequest pull, String branch, int start,
                                 String detail) {
        return new PublishResult(outcome,
                Optional.ofNullable(pull).map(PullRequest::number),
                Optional.ofNullable(pull).map(PullRequest::url),
                branch, platform.callCount() - start, detail);
    }
}
