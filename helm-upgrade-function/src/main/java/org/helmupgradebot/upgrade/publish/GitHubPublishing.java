package org.helmupgradebot.upgrade.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.upgrade.GitHubGateway;
import org.helmupgradebot.upgrade.config.Target;
import org.helmupgradebot.upgrade.files.FileReadException;
import org.helmupgradebot.upgrade.files.TargetFiles;
import org.helmupgradebot.upgrade.plan.PlanRow;
import org.helmupgradebot.upgrade.plan.TargetPlan;

/**
 * The run's way to GitHub: reads a target's files at one commit of its base branch, and publishes
 * its verified edits as the target's single pull request, built on that same commit.
 */
public final class GitHubPublishing implements GitHubGateway {
    private final String endpoint;
    private final GitHubAuth auth;
    private final HttpOptions http;
    private final Map<String, GitHubSession> sessions = new HashMap<>();
    private final Map<String, GitHubFiles.Snapshot> snapshots = new HashMap<>();

    public GitHubPublishing(String endpoint, GitHubAuth auth, HttpOptions http) {
        this.endpoint = endpoint;
        this.auth = auth;
        this.http = http;
    }

    @Override
    public TargetFiles files(Target target) {
        GitHubFiles.Snapshot snapshot = snapshot(target);
        return new TargetFiles() {
            @Override
            public String where() {
                return snapshot.repo() + "@" + snapshot.branch();
            }

            @Override
            public String read(String path) {
                String text = snapshot.files().get(path);
                if (text == null) {
                    throw new FileReadException(where() + ": " + path + ": file not found");
                }
                return text;
            }
        };
    }

    @Override
    public String publish(Target target, TargetPlan plan) {
        GitHubFiles.Snapshot snapshot = snapshot(target);
        List<BumpSummary> bumps = new ArrayList<>();
        for (PlanRow row : plan.bumps()) {
            bumps.add(new BumpSummary(row.pin().name(), row.pin().file(), row.pin().version(), row.newest().get(),
                    row.sourceRepo()));
        }
        ChangeSet change = new ChangeSet(snapshot.repo(), snapshot.branch(), target.name(), plan.edits(), bumps,
                target.labels(), target.reviewers(), Optional.of(snapshot.commit()));
        PullRequestPublisher.Options options = PullRequestPublisher.Options.defaults();
        if (target.fork()) {
            options = new PullRequestPublisher.Options(PullRequestPublisher.PushMode.FORK, Optional.empty(),
                    options.botName(), options.botEmail());
        }
        return new PullRequestPublisher(session(snapshot.repo()), options).publish(change).summary();
    }

    /** Reads all of a target's files once, at one commit of its base branch (the default branch if none is set). */
    private GitHubFiles.Snapshot snapshot(Target target) {
        return snapshots.computeIfAbsent(target.name(), name -> {
            String repo = target.repo().orElseThrow();
            GitHubSession session = session(repo);
            String branch = target.branch().orElseGet(() -> session.repository(repo).getDefaultBranch());
            List<String> paths = new ArrayList<>(target.chartFiles());
            target.imageFiles().forEach(f -> paths.add(f.file()));
            return new GitHubFiles(session).read(repo, branch, paths);
        });
    }

    private GitHubSession session(String repo) {
        return sessions.computeIfAbsent(repo, r -> GitHubSession.connect(endpoint, auth, r, http));
    }
}
