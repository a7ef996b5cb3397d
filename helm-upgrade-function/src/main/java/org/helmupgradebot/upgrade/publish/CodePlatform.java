package org.helmupgradebot.upgrade.publish;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the bot needs from a code hosting platform, and nothing more: read files at a commit, commit a
 * tree, move the bot's branch, find, create and edit its pull request, comment, and keep one issue.
 * The convergence rules ({@link PullRequestPublisher}, {@link DashboardPublisher}) are written against
 * this interface; {@link GitHubPlatform} is the GitHub implementation. Repositories are {@code owner/name}.
 * Every failure is a {@link PlatformException} with a kind; "not there" is an empty Optional where the
 * caller expects it.
 */
public interface CodePlatform {

    /** The repository's default branch. */
    String defaultBranch(String repo);

    /** The commit (with its tree) at the head of {@code branch}; NOT_FOUND when the branch does not exist. */
    ChangeSet.BaseCommit head(String repo, String branch);

    /** The text (UTF-8) of {@code path} at commit {@code sha}, or empty when there is no such file. */
    Optional<String> readFile(String repo, String sha, String path);

    /** Author e-mail and message of commit {@code sha}. */
    CommitInfo commitInfo(String repo, String sha);

    /**
     * Writes {@code files} (path to full new text) as a tree on {@code base}'s tree and a commit with
     * {@code base} as its parent; returns the new commit's sha. Nothing points at it yet.
     */
    String commit(String repo, ChangeSet.BaseCommit base, Map<String, String> files, String message,
                  Identity author, Instant when);

    /** The commit a branch points at, or empty when it does not exist. */
    Optional<String> branchHead(String repo, String branch);

    /** Creates {@code branch} at {@code sha}; CONFLICT when it exists already. */
    void createBranch(String repo, String branch, String sha);

    /** Force-moves an existing branch to {@code sha}; false when the branch does not exist (any more). */
    boolean moveBranch(String repo, String branch, String sha);

    /** Open pull requests into {@code repo}'s {@code baseBranch} from {@code headOwner}'s {@code branch}. */
    List<PullRequest> openPulls(String repo, String headOwner, String branch, String baseBranch);

    /** Opens a pull request; CONFLICT when one is open for that head and base already. */
    PullRequest createPull(String repo, String headOwner, String branch, String baseBranch, String title,
                           String body);

    /** Sets the title and/or the body of a pull request. */
    void editPull(String repo, int number, Optional<String> title, Optional<String> body);

    void addLabels(String repo, int number, List<String> labels);

    void requestReviewers(String repo, int number, List<String> logins);

    /** The bodies of the comments on a pull request or issue (bounded by the adapter's page cap). */
    List<String> comments(String repo, int number);

    void comment(String repo, int number, String text);

    /** The lowest-numbered open issue whose body contains {@code marker}, searched within a page cap. */
    Optional<Issue> findIssue(String repo, String marker);

    Issue createIssue(String repo, String title, String body);

    void editIssue(String repo, int number, Optional<String> title, Optional<String> body);

    /** The full name of {@code owner}'s fork of {@code repo} (the signed-in user when empty), created when missing. */
    String fork(String repo, Optional<String> owner);

    /**
     * The pull requests merged between two commits or tags of {@code repo}, in commit order, from one
     * comparison of the two: at most {@code limit} of them.
     */
    MergedPulls mergedPulls(String repo, String from, String to, int limit);

    /** Requests sent so far (retries included): the API-call figure of a run. */
    int callCount();

    /** Who the bot's commits are by. */
    record Identity(String name, String email) {
        public Identity {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
        }
    }

    /** What the rules read of a commit: is it the bot's, and which change does it hold. */
    record CommitInfo(String sha, Optional<String> authorEmail, String message) {
        public CommitInfo {
            authorEmail = authorEmail == null ? Optional.empty() : authorEmail;
            message = message == null ? "" : message;
        }
    }

    /** An open pull request as the rules see it. */
    record PullRequest(int number, String url, String title, String body, String headSha, List<String> labels) {
        public PullRequest {
            title = title == null ? "" : title;
            body = body == null ? "" : body;
            labels = List.copyOf(labels);
        }
    }

    /** An issue as the rules see it. */
    record Issue(int number, String url, String title, String body) {
        public Issue {
            title = title == null ? "" : title;
            body = body == null ? "" : body;
        }
    }

    /** One merged pull request found between two versions. */
    record MergedPull(int number, String title, String author) {}

    /**
     * The merged pull requests between two versions.
     *
     * @param pulls at most the limit asked for, in commit order
     * @param morePulls merged pull requests found beyond the limit
     * @param unlistedCommits commits the comparison counted but did not list (it lists the first 250)
     * @param totalCommits commits between the two versions, as the platform counts them
     */
    record MergedPulls(List<MergedPull> pulls, int morePulls, int unlistedCommits, int totalCommits) {
        public MergedPulls {
            pulls = List.copyOf(pulls);
        }
    }
}
