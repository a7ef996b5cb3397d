package org.helmupgradebot.upgrade.publish;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads pinned files from a repository at the head of a branch, all at one commit, so the publisher
 * can later build its commit on exactly that commit.
 */
public final class RepositoryFiles {
    private final CodePlatform platform;

    public RepositoryFiles(CodePlatform platform) {
        this.platform = platform;
    }

    /** The files read, and the commit (with its tree) they were read at. */
    public record Snapshot(String repo, String branch, ChangeSet.BaseCommit commit, Map<String, String> files) {
        public Snapshot {
            Objects.requireNonNull(commit, "commit");
            files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        }
    }

    /**
     * Reads {@code paths} from {@code repo} ("owner/name") at the head of {@code branch}.
     * A missing repository, branch or file is a {@link PublishException} naming all three.
     */
    public Snapshot read(String repo, String branch, Collection<String> paths) {
        ChangeSet.BaseCommit head = platform.head(repo, branch);
        Map<String, String> files = new LinkedHashMap<>();
        for (String path : paths) {
            String text = platform.readFile(repo, head.sha(), path).orElseThrow(() -> new PlatformException(
                    PlatformException.Kind.NOT_FOUND, "file " + path + " in " + repo + " at branch '" + branch
                            + "' (" + shortSha(head.sha()) + ") not found"));
            files.put(path, text);
        }
        return new Snapshot(repo, branch, head, files);
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
