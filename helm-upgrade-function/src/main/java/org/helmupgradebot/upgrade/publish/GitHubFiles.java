package org.helmupgradebot.upgrade.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.kohsuke.github.GHCommit;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHRepository;

/**
 * Reads pinned files from a GitHub repository at the head of a branch through the contents API,
 * all at one commit, so the publisher can later build its commit on exactly that commit.
 */
public final class GitHubFiles {
    private final GitHubSession session;

    public GitHubFiles(GitHubSession session) {
        this.session = session;
    }

    /** The files read, and the commit (with its tree) they were read at. */
    public record Snapshot(String repo, String branch, ChangeSet.BaseCommit commit, Map<String, String> files) {
        public Snapshot {
            Objects.requireNonNull(commit, "commit");
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        }
    }

    /**
     * Reads {@code paths} from {@code repo} ("owner/name") at the head of {@code branch}.
     * A missing repository, branch or file is a {@link PublishException} naming all three.
     */
    public Snapshot read(String repo, String branch, Collection<String> paths) {
        GHRepository repository = session.repository(repo);
        ChangeSet.BaseCommit head = head(repository, repo, branch);
        String sha = head.sha();
        Map<String, String> files = new LinkedHashMap<>();
        for (String path : paths) {
            files.put(path, readFile(repository, repo, branch, sha, path));
        }
        return new Snapshot(repo, branch, head, files);
    }

    /** The commit at the head of {@code branch}, with its tree, in one call. */
    static ChangeSet.BaseCommit head(GHRepository repository, String repo, String branch) {
        GHCommit head;
        try {
            head = repository.getCommit(branch);
        } catch (IOException e) {
            int status = GitHubErrors.status(e);
            if (status == 404 || status == 422) {
                throw new PublishException("branch '" + branch + "' not found in " + repo + " (" + status + ")");
            }
            throw GitHubErrors.explain("reading branch '" + branch + "'", repo, e);
        }
        String tree = Steps.call("reading branch '" + branch + "'", repo,
                () -> head.getCommitShortInfo().getTreeSHA1());
        return new ChangeSet.BaseCommit(head.getSHA1(), tree);
    }

    private static String readFile(GHRepository repository, String repo, String branch, String sha, String path) {
        String where = path + " in " + repo + " at branch '" + branch + "' (" + shortSha(sha) + ")";
        GHContent content;
        try {
            content = repository.getFileContent(path, sha);
        } catch (IOException e) {
            if (GitHubErrors.status(e) == 404) {
                throw new PublishException("file " + where + " not found");
            }
            throw GitHubErrors.explain("reading file " + path + " at branch '" + branch + "'", repo, e);
        }
        if (!content.isFile()) {
            throw new PublishException("file " + where + " is a " + content.getType() + ", not a file");
        }
        try {
            if (!"base64".equals(content.getEncoding())) {
                throw new PublishException("file " + where + " is too large for the contents API ("
                        + content.getSize() + " bytes)");
            }
            byte[] bytes = Base64.getMimeDecoder().decode(content.getEncodedContent());
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw new PublishException("file " + where + " could not be decoded (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
