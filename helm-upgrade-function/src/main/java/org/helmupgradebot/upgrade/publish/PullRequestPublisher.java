package org.helmupgradebot.upgrade.publish;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GitCommit;
import org.kohsuke.github.GitHub;

/**
 * Turns a {@link ChangeSet} into exactly one open pull request per target, with no clone: tree and
 * commit on the base commit through the Git Data API, the bot's deterministic branch created or
 * force-moved, then the bot's pull request created or updated. A pull request that already holds
 * the change is left alone; a branch a person pushed to is never overwritten.
 */
public final class PullRequestPublisher {

    /** Where the bot's branch lives. */
    public enum PushMode {
        /** A branch of the config repository itself (needs contents: write there). */
        BRANCH,
        /** A branch of the bot account's fork, created when missing and never deleted. */
        FORK
    }

    /** Push mode, fork owner (default: the signed-in user) and the identity of the bot's commits. */
    public record Options(PushMode mode, Optional<String> forkOwner, String botName, String botEmail) {
        public Options {
            Objects.requireNonNull(mode, "mode");
            forkOwner = forkOwner == null ? Optional.empty() : forkOwner;
            Objects.requireNonNull(botName, "botName");
            Objects.requireNonNull(botEmail, "botEmail");
        }

        public static Options defaults() {
            return new Options(PushMode.BRANCH, Optional.empty(), "helm-upgrade-bot",
                    "helm-upgrade-bot@users.noreply.github.com");
        }
    }

    private final GitHubSession session;
    private final GitHub api;
    private final Options options;
    private final Clock clock;

    public PullRequestPublisher(GitHubSession session, Options options, Clock clock) {
        this.session = session;
        this.api = session.api();
        this.options = options;
        this.clock = clock;
    }

    public PullRequestPublisher(GitHubSession session, Options options) {
        this(session, options, Clock.systemUTC());
    }

    /** Publishes one target's change; failures are one-line {@link PublishException}s. */
    public PublishResult publish(ChangeSet change) {
        int start = session.callCount();
        String branch = change.branchName();
        if (change.isEmpty()) {
            return result(PublishResult.Outcome.NOTHING_TO_DO, null, branch, start, "nothing newer than the pins");
        }
        String repo = change.repo();
        GHRepository upstream = session.repository(repo);
        GHRepository headRepo = options.mode() == PushMode.FORK ? fork(upstream, repo) : upstream;
        String headLabel = headRepo.getOwnerName() + ":" + branch;
        String fingerprint = PullRequestText.fingerprint(change.files());
        String title = PullRequestText.title(change);
        String body = PullRequestText.body(change);

        Optional<GHPullRequest> pull = findOpenPull(upstream, repo, headLabel, branch, change.baseBranch());
        String commitSha = null;
        if (pull.isPresent()) {
            String headSha = pull.get().getHead().getSha();
            GitCommit head = readCommit(headRepo, repo, headSha);
            if (!isBotCommit(head)) {
                return skipHumanCommits(pull.get(), repo, branch, headSha, start);
            }
            if (PullRequestText.fingerprintInCommit(head.getMessage()).filter(fingerprint::equals).isPresent()) {
                commitSha = headSha; // the branch already holds exactly this change
                if (pullHolds(pull.get(), title, fingerprint, change.labels())) {
                    return result(PublishResult.Outcome.UNCHANGED, pull.get(), branch, start,
                            "pull request already holds this change");
                }
            }
        }
        if (commitSha == null) {
            commitSha = commit(change, upstream, headRepo);
            moveBranch(headRepo, repo, branch, commitSha, pull.isPresent());
        }
        if (pull.isPresent()) {
            updatePull(pull.get(), repo, title, body, change.labels());
            return result(PublishResult.Outcome.UPDATED, pull.get(), branch, start, "");
        }
        return createPull(change, upstream, headLabel, branch, title, body, start);
    }

    // --- the branch and its commit ---

    private String commit(ChangeSet change, GHRepository upstream, GHRepository headRepo) {
        String repo = change.repo();
        ChangeSet.BaseCommit base = change.base()
                .orElseGet(() -> GitHubFiles.head(upstream, repo, change.baseBranch()));
        String tree = Steps.call("creating the tree", repo, () -> {
            var builder = headRepo.createTree().baseTree(base.treeSha());
            change.files().forEach((path, content) -> builder.textEntry(path, content, false));
            return builder.create().getSha();
        });
        Date now = Date.from(clock.instant());
        return Steps.call("creating the commit", repo, () -> headRepo.createCommit()
                .message(PullRequestText.commitMessage(change))
                .tree(tree)
                .parent(base.sha())
                .author(options.botName(), options.botEmail(), now)
                .committer(options.botName(), options.botEmail(), now)
                .create()
                .getSHA1());
    }

    private void moveBranch(GHRepository headRepo, String repo, String branch, String sha, boolean exists) {
        if (exists && forceMove(headRepo, repo, branch, sha)) {
            return;
        }
        try {
            headRepo.createRef("refs/heads/" + branch, sha);
            return;
        } catch (IOException e) {
            if (GitHubErrors.status(e) != 422) {
                throw GitHubErrors.explain("creating branch '" + branch + "'", repo, e);
            }
            // The branch is left from an earlier run (or pushed by a person): look before moving it.
        }
        String current = Steps.call("reading branch '" + branch + "'", repo,
                () -> headRepo.getRef("heads/" + branch).getObject().getSha());
        if (!isBotCommit(readCommit(headRepo, repo, current))) {
            throw new PublishException("branch '" + branch + "' in " + headRepo.getFullName()
                    + " has commits the bot did not make and no open pull request: not overwriting it");
        }
        if (!forceMove(headRepo, repo, branch, sha)) {
            throw new PublishException("branch '" + branch + "' in " + headRepo.getFullName()
                    + " vanished while the bot was moving it; the next run will recreate it");
        }
    }

    /** Moves an existing branch to {@code sha}; false when the branch does not exist (any more). */
    private static boolean forceMove(GHRepository headRepo, String repo, String branch, String sha) {
        try {
            headRepo.getRef("heads/" + branch).updateTo(sha, true);
            return true;
        } catch (IOException e) {
            int status = GitHubErrors.status(e);
            if (status == 404 || status == 422) {
                return false; // deleted (e.g. by "delete branch" on the pull request page)
            }
            throw GitHubErrors.explain("updating branch '" + branch + "'", repo, e);
        }
    }

    private GitCommit readCommit(GHRepository repository, String repo, String sha) {
        return Steps.call("reading commit " + sha, repo, () -> repository.getCommit(sha).getCommitShortInfo());
    }

    private boolean isBotCommit(GitCommit commit) {
        return commit.getAuthor() != null
                && options.botEmail().equalsIgnoreCase(commit.getAuthor().getEmail())
                && PullRequestText.fingerprintInCommit(commit.getMessage()).isPresent();
    }

    private GHRepository fork(GHRepository upstream, String repo) {
        String owner = options.forkOwner().orElseGet(() ->
                Steps.call("reading the signed-in user", repo, () -> api.getMyself().getLogin()));
        String forkName = owner + "/" + upstream.getName();
        try {
            return api.getRepository(forkName);
        } catch (IOException e) {
            if (GitHubErrors.status(e) != 404) {
                throw GitHubErrors.explain("reading fork " + forkName, repo, e);
            }
        }
        return Steps.call("forking to " + owner, repo, upstream::fork);
    }

    // --- the pull request ---

    private Optional<GHPullRequest> findOpenPull(GHRepository upstream, String repo, String headLabel,
                                                 String branch, String baseBranch) {
        return Steps.call("listing open pull requests", repo, () -> {
            List<GHPullRequest> found = new ArrayList<>();
            for (GHPullRequest p : upstream.queryPullRequests().state(GHIssueState.OPEN).head(headLabel)
                    .list().withPageSize(100)) {
                if (branch.equals(p.getHead().getRef()) && baseBranch.equals(p.getBase().getRef())) {
                    found.add(p);
                }
            }
            return found.stream().min(Comparator.comparingInt(GHPullRequest::getNumber));
        });
    }

    private static boolean pullHolds(GHPullRequest pull, String title, String fingerprint, List<String> labels) {
        Set<String> present = pull.getLabels().stream().map(GHLabel::getName).collect(Collectors.toSet());
        return title.equals(pull.getTitle())
                && PullRequestText.fingerprintInBody(pull.getBody()).filter(fingerprint::equals).isPresent()
                && present.containsAll(labels);
    }

    private void updatePull(GHPullRequest pull, String repo, String title, String body, List<String> labels) {
        String step = "updating pull request #" + pull.getNumber();
        if (!title.equals(pull.getTitle())) {
            Steps.call(step, repo, () -> {
                pull.setTitle(title);
                return null;
            });
        }
        if (!body.equals(pull.getBody())) {
            Steps.call(step, repo, () -> {
                pull.setBody(body);
                return null;
            });
        }
        Set<String> present = pull.getLabels().stream().map(GHLabel::getName).collect(Collectors.toSet());
        String[] missing = labels.stream().filter(l -> !present.contains(l)).toArray(String[]::new);
        if (missing.length > 0) {
            Steps.call("labelling pull request #" + pull.getNumber(), repo, () -> {
                pull.addLabels(missing);
                return null;
            });
        }
    }

    private PublishResult createPull(ChangeSet change, GHRepository upstream, String headLabel, String branch,
                                     String title, String body, int start) {
        String repo = change.repo();
        GHPullRequest pull;
        try {
            pull = upstream.createPullRequest(title, headLabel, change.baseBranch(), body);
        } catch (IOException e) {
            if (GitHubErrors.status(e) != 422) {
                throw GitHubErrors.explain("creating the pull request", repo, e);
            }
            // An earlier attempt may have created it although its answer was lost: find it.
            Optional<GHPullRequest> existing = findOpenPull(upstream, repo, headLabel, branch, change.baseBranch());
            if (existing.isEmpty()) {
                throw GitHubErrors.explain("creating the pull request", repo, e);
            }
            updatePull(existing.get(), repo, title, body, change.labels());
            return result(PublishResult.Outcome.UPDATED, existing.get(), branch, start,
                    "found the pull request an earlier attempt created");
        }
        if (!change.labels().isEmpty()) {
            Steps.call("labelling pull request #" + pull.getNumber(), repo, () -> {
                pull.addLabels(change.labels().toArray(String[]::new));
                return null;
            });
        }
        String detail = "";
        if (!change.reviewers().isEmpty()) {
            try {
                List<GHUser> users = new ArrayList<>();
                for (String login : change.reviewers()) {
                    users.add(api.getUser(login));
                }
                pull.requestReviewers(users);
            } catch (IOException e) {
                // The pull request exists and is useful without reviewers: report, do not fail.
                detail = "reviewers not requested: "
                        + GitHubErrors.explain("requesting reviewers", repo, e).getMessage();
            }
        }
        return result(PublishResult.Outcome.CREATED, pull, branch, start, detail);
    }

    private PublishResult skipHumanCommits(GHPullRequest pull, String repo, String branch, String headSha, int start) {
        boolean commented = Steps.call("reading comments of #" + pull.getNumber(), repo, () -> {
            for (GHIssueComment c : pull.listComments().withPageSize(100)) {
                if (c.getBody() != null && c.getBody().contains(PullRequestText.HUMAN_COMMITS_MARKER)) {
                    return true;
                }
            }
            return false;
        });
        if (!commented) {
            Steps.call("commenting on #" + pull.getNumber(), repo,
                    () -> pull.comment(PullRequestText.humanCommitsComment(branch, headSha)));
        }
        return result(PublishResult.Outcome.SKIPPED_HUMAN_COMMITS, pull, branch, start,
                "a person pushed to '" + branch + "'; not overwriting" + (commented ? "" : " (commented)"));
    }

    private PublishResult result(PublishResult.Outcome outcome, GHPullRequest pull, String branch, int start,
                                 String detail) {
        return new PublishResult(outcome,
                Optional.ofNullable(pull).map(GHPullRequest::getNumber),
                Optional.ofNullable(pull).map(p -> p.getHtmlUrl()).map(Object::toString),
                branch, session.callCount() - start, detail);
    }
}
