package org.helmupgradebot.upgrade.publish;

import org.helmupgradebot.shared.http.HttpOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.helmupgradebot.upgrade.config.Target;
import org.helmupgradebot.upgrade.files.FileReadException;
import org.helmupgradebot.upgrade.files.TargetFiles;
import org.helmupgradebot.upgrade.plan.PlanRow;
import org.helmupgradebot.upgrade.plan.PublishGroup;

/**
 * The run's way to a code platform: reads a target's files at one commit of its base branch, publishes
 * its verified edits as the target's single pull request built on that same commit, and keeps its
 * dashboard issue.
 */
public final class PlatformPublishing implements TargetPublishing {
    private final Function<String, CodePlatform> connect;
    private final PullRequestPublisher.Options defaults;
    private final Map<String, CodePlatform> platforms = new HashMap<>();
    private final Map<String, RepositoryFiles.Snapshot> snapshots = new HashMap<>();

    /**
     * @param connect the platform for a repository {@code owner/name} (one per repository, kept for the run)
     */
    public PlatformPublishing(Function<String, CodePlatform> connect, PullRequestPublisher.Options defaults) {
        this.connect = connect;
        this.defaults = defaults;
    }

    /** GitHub (or GitHub Enterprise at {@code endpoint}), signed in with {@code auth}. */
    public static PlatformPublishing github(String endpoint, GitHubAuth auth, HttpOptions http) {
        return new PlatformPublishing(repo -> new GitHubPlatform(GitHubSession.connect(endpoint, auth, repo, http)),
                PullRequestPublisher.Options.defaults());
    }

    @Override
    public TargetFiles files(Target target) {
        RepositoryFiles.Snapshot snapshot = snapshot(target);
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
    public PublishResult publish(Target target, PublishGroup group) {
        RepositoryFiles.Snapshot snapshot = snapshot(target);
        // The group's name is the target's, or `<target>-<dependency>-major`: it names the bot's branch.
        ChangeSet change = new ChangeSet(snapshot.repo(), snapshot.branch(), group.name(), group.edits(),
                bumps(group.bumps()), target.labels(), target.reviewers(), Optional.of(snapshot.commit()));
        PullRequestPublisher.Options options = target.fork() ? defaults.inFork() : defaults;
        return new PullRequestPublisher(platform(snapshot.repo()), options).publish(change);
    }

    @Override
    public DashboardPublisher.Result dashboard(Target target, DashboardText.State state) {
        return new DashboardPublisher(platform(target.repo().orElseThrow())).update(target.repo().get(), state);
    }

    /** Bump rows as the pull request describes them. */
    static List<BumpSummary> bumps(List<PlanRow> rows) {
        List<BumpSummary> bumps = new ArrayList<>();
        for (PlanRow row : rows) {
            bumps.add(new BumpSummary(row.pin().name(), row.pin().file(), row.pin().version(), row.newest().get(),
                    row.sourceRepo(), row.major(), row.currentCreated(), row.newestCreated()));
        }
        return bumps;
    }

    /** Reads all of a target's files once, at one commit of its base branch (the default branch if none is set). */
    private RepositoryFiles.Snapshot snapshot(Target target) {
        return snapshots.computeIfAbsent(target.name(), name -> {
            String repo = target.repo().orElseThrow();
            CodePlatform platform = platform(repo);
            String branch = target.branch().orElseGet(() -> platform.defaultBranch(repo));
            List<String> paths = new ArrayList<>(target.chartFiles());
            target.imageFiles().forEach(f -> paths.add(f.file()));
            return new RepositoryFiles(platform).read(repo, branch, paths);
        });
    }

    private CodePlatform platform(String repo) {
        return platforms.computeIfAbsent(repo, connect);
    }
}
