package org.helmupgradebot.upgrade.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.Redaction;
import org.kohsuke.github.HttpException;

/** Turns a failed GitHub call into one line naming the step, the repository and what to fix. */
final class GitHubErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERMISSIONS = "'contents: write' and 'pull requests: write'";

    private GitHubErrors() {}

    static PlatformException explain(String step, String repo, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PlatformException p) {
                return p;
            }
            if (t instanceof PublishException p) {
                return new PlatformException(PlatformException.Kind.FAILED, p.getMessage());
            }
            if (t instanceof HttpFailure f) { // no usable answer: a timeout, a rate limit, a refused redirect
                return new PlatformException(PlatformException.Kind.UNAVAILABLE,
                        step + " on " + repo + " failed: " + redact(f.getMessage()));
            }
        }
        int status = status(failure);
        String said = githubMessage(failure);
        String line = switch (status) {
            case 401 -> "GitHub rejected the credentials (401" + said + ") while " + step + " on " + repo
                    + ": check the token or the GitHub App installation";
            case 403 -> "GitHub refused " + step + " on " + repo + " (403" + said + "): the token needs "
                    + PERMISSIONS + " on " + repo;
            case 404 -> "GitHub found nothing (404" + said + ") while " + step + " on " + repo
                    + ": the repository or branch does not exist, or the token cannot see it (it needs "
                    + PERMISSIONS + ")";
            case -1 -> "GitHub could not be reached while " + step + " on " + repo + " ("
                    + failure.getClass().getSimpleName() + ")";
            default -> "GitHub answered " + status + said + " while " + step + " on " + repo;
        };
        return new PlatformException(kind(status), redact(line));
    }

    /** The one place a GitHub status becomes a kind the rules act on. */
    static PlatformException.Kind kind(int status) {
        return switch (status) {
            case 401, 403 -> PlatformException.Kind.DENIED;
            case 404 -> PlatformException.Kind.NOT_FOUND;
            case -1, 500, 502, 503, 504 -> PlatformException.Kind.UNAVAILABLE;
            default -> PlatformException.Kind.FAILED;
        };
    }

    /** The HTTP status of a github-api failure, or -1 when there was no HTTP answer. */
    static int status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException h && h.getResponseCode() > 0) {
                return h.getResponseCode();
            }
            if (t instanceof FileNotFoundException) {
                return 404; // github-api reports 404 as GHFileNotFoundException
            }
        }
        return -1;
    }

    /** GitHub's own "message" field (e.g. "Bad credentials"), as ": text", or empty. */
    static String githubMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().trim().startsWith("{")) {
                try {
                    JsonNode node = JSON.readTree(t.getMessage());
                    if (node.hasNonNull("message")) {
                        String text = node.get("message").asText().replaceAll("\\s+", " ").trim();
                        return " " + (text.length() > 160 ? text.substring(0, 160) + "..." : text);
                    }
                } catch (IOException ignored) {
                    // Not JSON after all (GitHub sometimes answers errors in HTML).
                }
            }
        }
        return "";
    }

    // Defence in depth: GitHub never echoes a token, but a line must never carry one.
    static String redact(String line) {
        return Redaction.text(line);
    }
}
