package org.helmupgradebot.upgrade.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kohsuke.github.GHCommit;
import org.kohsuke.github.GHCompare;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GitCommit;

/**
 * {@link CodePlatform} on GitHub's REST API through github-api: the contents API for files, the Git
 * Data API for trees, commits and refs, the pulls and issues APIs, and one compare call for the merged
 * pull requests between two versions. Failures become {@link PlatformException}s in {@link GitHubErrors}.
 */
public final class GitHubPlatform implements CodePlatform {
    /** Listings (pulls of a branch, comments, issues) read at most this many pages of 100. */
    static final int PAGE_CAP = 10;

    private final GitHubSession session;
    private final Map<String, GHRepository> forks = new HashMap<>();
    // Pull requests and issues this platform has seen, by "repo#number": github-api acts on the object,
    // so keeping it spares a fetch before each edit.
    private final Map<String, GHIssue> seen = new HashMap<>();

    public GitHubPlatform(GitHubSession session) {
        this.session = session;
    }

    @Override
    public int callCount() {
        return session.callCount();
    }

    private GHRepository repository(String repo) {
        GHRepository fork = forks.get(repo);
        return fork != null ? fork : session.repository(repo);
    }

    @Override
    public String defaultBranch(String repo) {
        return repository(repo).getDefaultBranch();
    }

    @Override
    public ChangeSet.BaseCommit head(String repo, String branch) {
        GHRepository repository = repository(repo);
        GHCommit head;
        try {
            head = repository.getCommit(branch);
        } catch (IOException e) {
            int status = GitHubErrors.status(e);
            if (status == 404 || status == 422) {
                throw new PlatformException(PlatformException.Kind.NOT_FOUND,
                        "branch '" + branch + "' not found in " + repo + " (" + status + ")");
            }
            throw GitHubErrors.explain("reading branch '" + branch + "'", repo, e);
        }
        String tree = Steps.call("reading branch '" + branch + "'", repo,
                () -> head.getCommitShortInfo().getTreeSHA1());
        return new ChangeSet.BaseCommit(head.getSHA1(), tree);
    }

    @Override
    public Optional<String> readFile(String repo, String sha, String path) {
        String where = path + " in " + repo + " at " + shortSha(sha);
        GHContent content;
        try {
            content = repository(repo).getFileContent(path, sha);
        } catch (IOException e) {
            if (GitHubErrors.status(e) == 404) {
                return Optional.empty();
            }
            throw GitHubErrors.explain("reading file " + path, repo, e);
        }
        if (!content.isFile()) {
            throw new PlatformException(PlatformException.Kind.FAILED,
                    "file " + where + " is a " + content.getType() + ", not a file");
        }
        try {
            if (!"base64".equals(content.getEncoding())) {
                throw new PlatformException(PlatformException.Kind.FAILED, "file " + where
                        + " is too large for the contents API (" + content.getSize() + " bytes)");
            }
            byte[] bytes = Base64.getMimeDecoder().decode(content.getEncodedContent());
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new PlatformException(PlatformException.Kind.FAILED,
                    "file " + where + " could not be decoded (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public CommitInfo commitInfo(String repo, String sha) {
        GitCommit c = Steps.call("reading commit " + sha, repo,
                () -> repository(repo).getCommit(sha).getCommitShortInfo());
        return new CommitInfo(sha, Optional.ofNullable(c.getAuthor()).map(a -> a.getEmail()), c.getMessage());
    }

    @Override
    public String commit(String repo, ChangeSet.BaseCommit base, Map<String, String> files, String message,
                         Identity author, Instant when) {
        GHRepository repository = repository(repo);
        String tree = Steps.call("creating the tree", repo, () -> {
            var builder = repository.createTree().baseTree(base.treeSha());
            files.forEach((path, content) -> builder.textEntry(path, content, false));
            return builder.create().getSha();
        });
        Date date = Date.from(when);
        return Steps.call("creating the commit", repo, () -> repository.createCommit()
                .message(message)
                .tree(tree)
                .parent(base.sha())
                .author(author.name(), author.email(), date)
                .committer(author.name(), author.email(), date)
                .create()
                .getSHA1());
    }

    @Override
    public Optional<String> branchHead(String repo, String branch) {
        try {
            return Optional.of(repository(repo).getRef("heads/" + branch).getObject().getSha());
        } catch (IOException e) {
            int status = GitHubErrors.status(e);
            if (status == 404 || status == 422) {
                return Optional.empty();
            }
            throw GitHubErrors.explain("reading branch '" + branch + "'", repo, e);
        }
    }

    @Override
    public void createBranch(String repo, String branch, String sha) {
        try {
            repository(repo).createRef("refs/heads/" + branch, sha);
        } catch (IOException e) {
            if (GitHubErrors.status(e) == 422) {
                throw new PlatformException(PlatformException.Kind.CONFLICT,
                        "branch '" + branch + "' exists already in " + repo);
            }
            throw GitHubErrors.explain("creating branch '" + branch + "'", repo, e);
        }
    }

    @Override
    public boolean moveBranch(String repo, String branch, String sha) {
        try {
            repository(repo).getRef("heads/" + branch).updateTo(sha, true);
            return true;
        } catch (IOException e) {
            int status = GitHubErrors.status(e);
            if (status == 404 || status == 422) {
                return false; // deleted (e.g. by "delete branch" on the pull request page)
            }
            throw GitHubErrors.explain("updating branch '" + branch + "'", repo, e);
        }
    }

    @Override
    public List<PullRequest> openPulls(String repo, String headOwner, String branch, String baseBranch) {
        return Steps.call("listing open pull requests", repo, () -> {
            List<PullRequest> found = new ArrayList<>();
            for (GHPullRequest p : repository(repo).queryPullRequests().state(GHIssueState.OPEN)
                    .head(headOwner + ":" + branch).list().withPageSize(100)) {
                if (branch.equals(p.getHead().getRef()) && baseBranch.equals(p.getBase().getRef())) {
                    found.add(pull(repo, p));
                }
            }
            return found;
        });
    }

    @Override
    public PullRequest createPull(String repo, String headOwner, String branch, String baseBranch, String title,
                                  String body) {
        try {
            return pull(repo, repository(repo).createPullRequest(title, headOwner + ":" + branch, baseBranch, body));
        } catch (IOException e) {
            if (GitHubErrors.status(e) == 422) {
                // GitHub's answer when a pull request for this head and base is open already.
                throw new PlatformException(PlatformException.Kind.CONFLICT,
                        GitHubErrors.explain("creating the pull request", repo, e).getMessage());
            }
            throw GitHubErrors.explain("creating the pull request", repo, e);
        }
    }

    @Override
    public void editPull(String repo, int number, Optional<String> title, Optional<String> body) {
        edit("updating pull request #" + number, repo, number, title, body);
    }

    @Override
    public void addLabels(String repo, int number, List<String> labels) {
        Steps.call("labelling pull request #" + number, repo, () -> {
            issueRef(repo, number).addLabels(labels.toArray(String[]::new));
            return null;
        });
    }

    @Override
    public void requestReviewers(String repo, int number, List<String> logins) {
        Steps.call("requesting reviewers", repo, () -> {
            List<GHUser> users = new ArrayList<>();
            for (String login : logins) {
                users.add(session.api().getUser(login));
            }
            pullRef(repo, number).requestReviewers(users);
            return null;
        });
    }

    @Override
    public List<String> comments(String repo, int number) {
        return Steps.call("reading comments of #" + number, repo, () -> {
            List<String> bodies = new ArrayList<>();
            for (GHIssueComment c : issueRef(repo, number).listComments().withPageSize(100)) {
                bodies.add(c.getBody() == null ? "" : c.getBody());
                if (bodies.size() >= PAGE_CAP * 100) {
                    break;
                }
            }
            return bodies;
        });
    }

    @Override
    public void comment(String repo, int number, String text) {
        Steps.call("commenting on #" + number, repo, () -> issueRef(repo, number).comment(text));
    }

    @Override
    public Optional<Issue> findIssue(String repo, String marker) {
        return Steps.call("looking for the dashboard issue", repo, () -> {
            Optional<Issue> found = Optional.empty();
            int seen = 0;
            for (GHIssue i : repository(repo).queryIssues().state(GHIssueState.OPEN).pageSize(100).list()) {
                if (++seen > PAGE_CAP * 100) {
                    break;
                }
                if (!i.isPullRequest() && i.getBody() != null && i.getBody().contains(marker)
                        && found.map(f -> i.getNumber() < f.number()).orElse(true)) {
                    found = Optional.of(issue(repo, i));
                }
            }
            return found;
        });
    }

    @Override
    public Issue createIssue(String repo, String title, String body) {
        return Steps.call("creating the dashboard issue", repo,
                () -> issue(repo, repository(repo).createIssue(title).body(body).create()));
    }

    @Override
    public void editIssue(String repo, int number, Optional<String> title, Optional<String> body) {
        edit("updating issue #" + number, repo, number, title, body);
    }

    /** A pull request is an issue to the API: title and body are edited the same way (github-api: a call each). */
    private void edit(String step, String repo, int number, Optional<String> title, Optional<String> body) {
        GHIssue issue = issueRef(repo, number);
        if (title.isPresent()) {
            Steps.call(step, repo, () -> {
                issue.setTitle(title.get());
                return null;
            });
        }
        if (body.isPresent()) {
            Steps.call(step, repo, () -> {
                issue.setBody(body.get());
                return null;
            });
        }
    }

    @Override
    public String fork(String repo, Optional<String> owner) {
        GHRepository upstream = repository(repo);
        String login = owner.orElseGet(() ->
                Steps.call("reading the signed-in user", repo, () -> session.api().getMyself().getLogin()));
        String forkName = login + "/" + upstream.getName();
        try {
            forks.put(forkName, session.api().getRepository(forkName));
            return forkName;
        } catch (IOException e) {
            if (GitHubErrors.status(e) != 404) {
                throw GitHubErrors.explain("reading fork " + forkName, repo, e);
            }
        }
        GHRepository fork = Steps.call("forking to " + login, repo, upstream::fork);
        forks.put(fork.getFullName(), fork);
        return fork.getFullName();
    }

    @Override
    public MergedPulls mergedPulls(String repo, String from, String to, int limit) {
        String step = "comparing " + from + "..." + to;
        GHCompare compare = Steps.call(step, repo, () -> repository(repo).getCompare(from, to));
        // The commits come in the comparison's answer (its first 250): reading them costs no call.
        List<MergeCommits.Message> messages = Steps.call(step, repo, () -> {
            List<MergeCommits.Message> out = new ArrayList<>();
            for (GHCompare.Commit c : compare.getCommits()) {
                GHCompare.InnerCommit info = c.getCommit();
                if (info != null) {
                    out.add(new MergeCommits.Message(info.getMessage(),
                            info.getAuthor() == null ? "" : info.getAuthor().getName()));
                }
            }
            return out;
        });
        return MergeCommits.pulls(messages, compare.getTotalCommits(), limit);
    }

    // An issue or pull request addressed by number without fetching it: github-api needs the object, so
    // these read it once (the calls are counted like any other).
    private GHIssue issueRef(String repo, int number) {
        GHIssue known = seen.get(repo + "#" + number);
        return known != null ? known
                : Steps.call("reading #" + number, repo, () -> repository(repo).getIssue(number));
    }

    private GHPullRequest pullRef(String repo, int number) {
        if (seen.get(repo + "#" + number) instanceof GHPullRequest p) {
            return p;
        }
        return Steps.call("reading pull request #" + number, repo, () -> repository(repo).getPullRequest(number));
    }

    private PullRequest pull(String repo, GHPullRequest p) {
        seen.put(repo + "#" + p.getNumber(), p);
        return new PullRequest(p.getNumber(), String.valueOf(p.getHtmlUrl()), p.getTitle(), p.getBody(),
                p.getHead().getSha(), p.getLabels().stream().map(GHLabel::getName).toList());
    }

    private Issue issue(String repo, GHIssue i) {
        seen.put(repo + "#" + i.getNumber(), i);
        return new Issue(i.getNumber(), String.valueOf(i.getHtmlUrl()), i.getTitle(), i.getBody());
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
