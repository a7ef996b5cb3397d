package org.helmupgradebot.upgrade.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.helmupgradebot.upgrade.publish.PlatformException.Kind;

/**
 * A code platform in memory, for testing the convergence rules without any HTTP: repositories with
 * branches and commits (a commit holds its whole file map), pull requests, issues and comments. A
 * fault can be set on any operation: it fails before or after taking effect (an answer lost on the way).
 */
final class InMemoryPlatform implements CodePlatform {
    record StoredCommit(Map<String, String> files, String parent, String authorEmail, String message) {}

    static final class Pull {
        int number;
        String repo;
        String headRepo;
        String branch;
        String base;
        String title;
        String body;
        boolean open = true;
        final List<String> labels = new ArrayList<>();
        final List<String> reviewers = new ArrayList<>();
        final List<String> comments = new ArrayList<>();
    }

    static final class StoredIssue {
        int number;
        String repo;
        String title;
        String body;
        boolean open = true;
        int edits;
    }

    /** A failure for the next {@code times} calls of an operation. */
    record Fault(String operation, Kind kind, boolean afterApplying) {}

    final Map<String, StoredCommit> commits = new HashMap<>();
    final Map<String, Map<String, String>> branches = new HashMap<>(); // repo -> branch -> sha
    final List<Pull> pulls = new ArrayList<>();
    final List<StoredIssue> issues = new ArrayList<>();
    final Map<String, List<String[]>> history = new HashMap<>(); // "repo from...to" -> (message, author)
    final List<String> log = new ArrayList<>();
    private final Map<String, Fault> faults = new LinkedHashMap<>();
    private int nextNumber = 1;
    private int nextSha = 1;
    private int calls;

    void createRepo(String repo, String branch, Map<String, String> files) {
        String sha = put(new StoredCommit(new TreeMap<>(files), null, "maintainer@example.org", "initial"));
        branches.computeIfAbsent(repo, r -> new LinkedHashMap<>()).put(branch, sha);
        branches.get(repo).put("(default)", branch);
    }

    /** A person's commit on top of a branch. */
    String push(String repo, String branch, Map<String, String> files) {
        String head = branches.get(repo).get(branch);
        Map<String, String> tree = new TreeMap<>(commits.get(head).files());
        tree.putAll(files);
        String sha = put(new StoredCommit(tree, head, "alice@example.org", "edit by alice"));
        branches.get(repo).put(branch, sha);
        return sha;
    }

    void fail(String operation, Kind kind, boolean afterApplying) {
        faults.put(operation, new Fault(operation, kind, afterApplying));
    }

    List<Pull> openPulls(String repo) {
        return pulls.stream().filter(p -> p.open && p.repo.equals(repo)).toList();
    }

    List<StoredIssue> openIssues(String repo) {
        return issues.stream().filter(i -> i.open && i.repo.equals(repo)).toList();
    }

    private String put(StoredCommit c) {
        String sha = String.format("%040x", nextSha++);
        commits.put(sha, c);
        return sha;
    }

    /** Counts the call, then fails it if a fault is set to fail before taking effect. */
    private void enter(String operation) {
        calls++;
        log.add(operation);
        Fault f = faults.get(operation);
        if (f != null && !f.afterApplying()) {
            faults.remove(operation);
            throw new PlatformException(f.kind(), operation + " failed (injected " + f.kind() + ")");
        }
    }

    /** After the effect: fails if a fault is set to lose the answer. */
    private void leave(String operation) {
        Fault f = faults.get(operation);
        if (f != null && f.afterApplying()) {
            faults.remove(operation);
            throw new PlatformException(f.kind(), operation + " answer lost (injected " + f.kind() + ")");
        }
    }

    private Map<String, String> refs(String repo) {
        Map<String, String> r = branches.get(repo);
        if (r == null) {
            throw new PlatformException(Kind.NOT_FOUND, "repository " + repo + " not found");
        }
        return r;
    }

    @Override
    public int callCount() {
        return calls;
    }

    @Override
    public String defaultBranch(String repo) {
        enter("defaultBranch");
        return refs(repo).get("(default)");
    }

    @Override
    public ChangeSet.BaseCommit head(String repo, String branch) {
        enter("head");
        String sha = refs(repo).get(branch);
        if (sha == null) {
            throw new PlatformException(Kind.NOT_FOUND, "branch '" + branch + "' not found in " + repo);
        }
        return new ChangeSet.BaseCommit(sha, "tree-" + sha);
    }

    @Override
    public Optional<String> readFile(String repo, String sha, String path) {
        enter("readFile");
        return Optional.ofNullable(commits.get(sha).files().get(path));
    }

    @Override
    public CommitInfo commitInfo(String repo, String sha) {
        enter("commitInfo");
        StoredCommit c = commits.get(sha);
        return new CommitInfo(sha, Optional.of(c.authorEmail()), c.message());
    }

    @Override
    public String commit(String repo, ChangeSet.BaseCommit base, Map<String, String> files, String message,
                         Identity author, Instant when) {
        enter("commit");
        Map<String, String> tree = new TreeMap<>(commits.get(base.sha()).files());
        tree.putAll(files);
        String sha = put(new StoredCommit(tree, base.sha(), author.email(), message));
        leave("commit");
        return sha;
    }

    @Override
    public Optional<String> branchHead(String repo, String branch) {
        enter("branchHead");
        return Optional.ofNullable(refs(repo).get(branch));
    }

    @Override
    public void createBranch(String repo, String branch, String sha) {
        enter("createBranch");
        if (refs(repo).containsKey(branch)) {
            throw new PlatformException(Kind.CONFLICT, "branch exists");
        }
        refs(repo).put(branch, sha);
        leave("createBranch");
    }

    @Override
    public boolean moveBranch(String repo, String branch, String sha) {
        enter("moveBranch");
        if (!refs(repo).containsKey(branch)) {
            return false;
        }
        refs(repo).put(branch, sha);
        leave("moveBranch");
        return true;
    }

    @Override
    public List<PullRequest> openPulls(String repo, String headOwner, String branch, String baseBranch) {
        enter("openPulls");
        return pulls.stream().filter(p -> p.open && p.repo.equals(repo) && p.branch.equals(branch)
                        && p.base.equals(baseBranch) && p.headRepo.startsWith(headOwner + "/"))
                .map(this::view).toList();
    }

    private PullRequest view(Pull p) {
        return new PullRequest(p.number, "memory://" + p.repo + "/pull/" + p.number, p.title, p.body,
                refs(p.headRepo).get(p.branch), p.labels);
    }

    @Override
    public PullRequest createPull(String repo, String headOwner, String branch, String baseBranch, String title,
                                  String body) {
        enter("createPull");
        String headRepo = headOwner + "/" + repo.substring(repo.indexOf('/') + 1);
        if (pulls.stream().anyMatch(p -> p.open && p.repo.equals(repo) && p.branch.equals(branch)
                && p.base.equals(baseBranch) && p.headRepo.equals(headRepo))) {
            throw new PlatformException(Kind.CONFLICT, "a pull request for " + branch + " is open already");
        }
        Pull p = new Pull();
        p.number = nextNumber++;
        p.repo = repo;
        p.headRepo = headRepo;
        p.branch = branch;
        p.base = baseBranch;
        p.title = title;
        p.body = body;
        pulls.add(p);
        leave("createPull");
        return view(p);
    }

    private Pull pull(int number) {
        return pulls.stream().filter(p -> p.number == number).findFirst()
                .orElseThrow(() -> new PlatformException(Kind.NOT_FOUND, "#" + number + " not found"));
    }

    @Override
    public void editPull(String repo, int number, Optional<String> title, Optional<String> body) {
        enter("editPull");
        title.ifPresent(t -> pull(number).title = t);
        body.ifPresent(b -> pull(number).body = b);
        leave("editPull");
    }

    @Override
    public void addLabels(String repo, int number, List<String> labels) {
        enter("addLabels");
        labels.stream().filter(l -> !pull(number).labels.contains(l)).forEach(pull(number).labels::add);
        leave("addLabels");
    }

    @Override
    public void requestReviewers(String repo, int number, List<String> logins) {
        enter("requestReviewers");
        pull(number).reviewers.addAll(logins);
    }

    @Override
    public List<String> comments(String repo, int number) {
        enter("comments");
        return List.copyOf(pull(number).comments);
    }

    @Override
    public void comment(String repo, int number, String text) {
        enter("comment");
        pull(number).comments.add(text);
    }

    @Override
    public Optional<Issue> findIssue(String repo, String marker) {
        enter("findIssue");
        return issues.stream().filter(i -> i.open && i.repo.equals(repo) && i.body.contains(marker))
                .min((a, b) -> Integer.compare(a.number, b.number))
                .map(i -> new Issue(i.number, "memory://" + repo + "/issues/" + i.number, i.title, i.body));
    }

    @Override
    public Issue createIssue(String repo, String title, String body) {
        enter("createIssue");
        StoredIssue i = new StoredIssue();
        i.number = nextNumber++;
        i.repo = repo;
        i.title = title;
        i.body = body;
        issues.add(i);
        leave("createIssue");
        return new Issue(i.number, "memory://" + repo + "/issues/" + i.number, title, body);
    }

    @Override
    public void editIssue(String repo, int number, Optional<String> title, Optional<String> body) {
        enter("editIssue");
        StoredIssue i = issues.stream().filter(x -> x.number == number).findFirst().orElseThrow();
        title.ifPresent(t -> i.title = t);
        body.ifPresent(b -> i.body = b);
        i.edits++;
        leave("editIssue");
    }

    @Override
    public String fork(String repo, Optional<String> owner) {
        enter("fork");
        String fork = owner.orElse("bot") + "/" + repo.substring(repo.indexOf('/') + 1);
        branches.computeIfAbsent(fork, f -> new LinkedHashMap<>(refs(repo)));
        return fork;
    }

    @Override
    public MergedPulls mergedPulls(String repo, String from, String to, int limit) {
        enter("mergedPulls");
        List<String[]> commits = history.get(repo + " " + from + "..." + to);
        if (commits == null) {
            throw new PlatformException(Kind.NOT_FOUND, "no comparison " + from + "..." + to + " in " + repo);
        }
        return MergeCommits.pulls(commits.stream().map(c -> new MergeCommits.Message(c[0], c[1])).toList(),
                commits.size(), limit);
    }
}
