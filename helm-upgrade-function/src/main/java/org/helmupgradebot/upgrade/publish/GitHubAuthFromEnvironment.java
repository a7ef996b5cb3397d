package org.helmupgradebot.upgrade.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub credentials for a local run, from the environment: {@code GITHUB_TOKEN}, or a GitHub App's
 * {@code GITHUB_APP_ID} with {@code GITHUB_APP_PRIVATE_KEY} (PEM text) or {@code GITHUB_APP_PRIVATE_KEY_FILE}.
 */
public final class GitHubAuthFromEnvironment {
    private GitHubAuthFromEnvironment() {}

    /** The credentials, or empty when none are set. */
    public static Optional<GitHubAuth> resolve(Map<String, String> env) {
        String token = blankToNull(env.get("GITHUB_TOKEN"));
        String appId = blankToNull(env.get("GITHUB_APP_ID"));
        if (appId != null) {
            String pem = blankToNull(env.get("GITHUB_APP_PRIVATE_KEY"));
            String file = blankToNull(env.get("GITHUB_APP_PRIVATE_KEY_FILE"));
            if (pem == null && file == null) {
                throw new IllegalArgumentException(
                        "GITHUB_APP_ID is set but neither GITHUB_APP_PRIVATE_KEY nor GITHUB_APP_PRIVATE_KEY_FILE is");
            }
            String key = pem;
            if (key == null) {
                try {
                    key = Files.readString(Path.of(file));
                } catch (IOException e) {
                    throw new IllegalArgumentException("GITHUB_APP_PRIVATE_KEY_FILE " + file + ": cannot read");
                }
            }
            String finalKey = key;
            return Optional.of(GitHubAuth.app(appId, () -> finalKey));
        }
        return token == null ? Optional.empty() : Optional.of(GitHubAuth.token(() -> token));
    }

    /** The API endpoint: {@code GITHUB_API_URL} (as GitHub Actions and Enterprise set it) or the public API. */
    public static String endpoint(Map<String, String> env) {
        String url = blankToNull(env.get("GITHUB_API_URL"));
        return url == null ? GitHubSession.GITHUB_API : url;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
