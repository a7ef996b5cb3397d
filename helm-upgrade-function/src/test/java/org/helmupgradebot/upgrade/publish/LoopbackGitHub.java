package org.helmupgradebot.upgrade.publish;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Public access to the stateful GitHub stand-in ({@link FakeGitHub}) for tests in other packages (the
 * Function tests): a repository with files, a token, and what the bot did to them.
 */
public final class LoopbackGitHub implements AutoCloseable {
    private final FakeGitHub fake;

    /** A pull request as the stand-in holds it. */
    public record PullRequest(int number, String title, String body, List<String> labels, List<String> reviewers) {}

    public LoopbackGitHub() throws IOException {
        fake = new FakeGitHub();
    }

    /** E.g. {@code http://127.0.0.1:40123}, the API base (GITHUB_API_URL). */
    public String url() {
        return fake.url();
    }

    public void addToken(String token, String login) {
        fake.addToken(token, login);
    }

    /** Accepts JWTs of GitHub App {@code id} signed by the matching private key (installation 4242). */
    public void enableApp(String id, java.security.PublicKey publicKey) {
        fake.enableApp(id, publicKey);
    }

    public void createRepo(String fullName, String branch, Map<String, String> files) {
        fake.createRepo(fullName, branch, files);
    }

    public List<PullRequest> openPulls(String fullName) {
        return fake.openPulls(fullName).stream()
                .map(p -> new PullRequest(p.number, p.title, p.body, List.copyOf(p.labels), List.copyOf(p.reviewers)))
                .toList();
    }

    /** The head commit of a branch, if it exists. */
    public Optional<String> ref(String fullName, String branch) {
        return fake.ref(fullName, branch);
    }

    /** A file's text at a commit. */
    public String file(String commitSha, String path) {
        return fake.file(commitSha, path);
    }

    /** How many requests changed something (anything but GET). */
    public long writes() {
        return fake.requests().stream().filter(FakeGitHub.Request::isWrite).count();
    }

    @Override
    public void close() {
        fake.close();
    }
}
