package org.helmupgradebot.upgrade.wiring;

import java.util.Optional;
import org.helmupgradebot.shared.secrets.SecretSource;
import org.helmupgradebot.shared.settings.SettingsReader;
import org.helmupgradebot.upgrade.publish.GitHubAuth;
import org.helmupgradebot.upgrade.publish.GitHubSession;

/**
 * How the upgrade reaches GitHub and signs in, for the command line and the Function alike: the API
 * (GITHUB_API_URL), and a token or a GitHub App (GITHUB_APP_ID) whose secret is read by name from the
 * secret source (Key Vault; or the environment, where {@code github-token} is GITHUB_TOKEN and
 * {@code github-app-key} is GITHUB_APP_KEY). Only names are held here, never values.
 *
 * @param endpoint the API URL, without a trailing slash
 * @param appId the GitHub App's id; empty: a personal access token
 * @param secretName the secret holding the token (default {@code github-token}) or the App's PEM key
 *        (default {@code github-app-key})
 */
public record GitHubSettings(String endpoint, Optional<String> appId, String secretName) {
    public static final String API_URL = "GITHUB_API_URL";
    public static final String TOKEN_SECRET_NAME = "GITHUB_TOKEN_SECRET_NAME";
    public static final String APP_ID = "GITHUB_APP_ID";
    public static final String APP_KEY_SECRET_NAME = "GITHUB_APP_KEY_SECRET_NAME";
    public static final String DEFAULT_TOKEN_SECRET = "github-token";
    public static final String DEFAULT_APP_KEY_SECRET = "github-app-key";

    /** Reads the settings; problems go to the reader. */
    public static GitHubSettings read(SettingsReader r) {
        Optional<String> appId = r.optional(APP_ID);
        appId.filter(id -> !id.matches("[0-9]+"))
                .ifPresent(id -> r.problem(APP_ID, "'" + id + "' is not a GitHub App id (digits)"));
        String setting = appId.isPresent() ? APP_KEY_SECRET_NAME : TOKEN_SECRET_NAME;
        String secret = r.optional(setting).orElse(appId.isPresent() ? DEFAULT_APP_KEY_SECRET : DEFAULT_TOKEN_SECRET);
        if (!secret.matches("[A-Za-z0-9-]{1,127}")) {
            r.problem(setting, "'" + secret + "' is not a secret name (letters, digits and dashes)");
        }
        return new GitHubSettings(endpoint(r), appId, secret);
    }

    private static String endpoint(SettingsReader r) {
        Optional<String> url = r.optional(API_URL);
        if (url.isEmpty()) {
            return GitHubSession.GITHUB_API;
        }
        // http is allowed for a GitHub stand-in on loopback only.
        if (!url.get().matches("https://[^/?#\\s]+(/[^?#\\s]*)?|http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?(/[^?#\\s]*)?")) {
            r.problem(API_URL, "'" + url.get() + "' is not an https:// URL, e.g. https://api.github.com");
        }
        return url.get().replaceAll("/+$", "");
    }

    /**
     * Reads the secret now, so that a missing one is one line before any request; the value stays inside
     * the returned auth (and the secret source's redactor knows it).
     */
    public GitHubAuth auth(SecretSource secrets) {
        String value = secrets.get(secretName).value();
        return appId.map(id -> GitHubAuth.app(id, () -> value)).orElseGet(() -> GitHubAuth.token(() -> value));
    }
}
