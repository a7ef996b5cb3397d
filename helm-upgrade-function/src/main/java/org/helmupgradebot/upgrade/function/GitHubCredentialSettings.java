package org.helmupgradebot.upgrade.function;

import java.util.Optional;
import org.helmupgradebot.shared.secrets.SecretSource;
import org.helmupgradebot.shared.settings.SettingsReader;
import org.helmupgradebot.upgrade.publish.GitHubAuth;

/**
 * How the hosted upgrade signs in to GitHub: a token, or a GitHub App (GITHUB_APP_ID and its private
 * key), each read from the secret source by name. Only names are held here, never values.
 *
 * @param appId the GitHub App's id; empty: a personal access token
 * @param secretName the secret holding the token (default {@code github-token}) or the App's PEM key
 *        (default {@code github-app-key})
 */
public record GitHubCredentialSettings(Optional<String> appId, String secretName) {
    public static final String TOKEN_SECRET_NAME = "GITHUB_TOKEN_SECRET_NAME";
    public static final String APP_ID = "GITHUB_APP_ID";
    public static final String APP_KEY_SECRET_NAME = "GITHUB_APP_KEY_SECRET_NAME";
    public static final String DEFAULT_TOKEN_SECRET = "github-token";
    public static final String DEFAULT_APP_KEY_SECRET = "github-app-key";

    /** Reads the settings; problems go to the reader. */
    static GitHubCredentialSettings read(SettingsReader r) {
        Optional<String> appId = r.optional(APP_ID);
        appId.filter(id -> !id.matches("[0-9]+"))
                .ifPresent(id -> r.problem(APP_ID, "'" + id + "' is not a GitHub App id (digits)"));
        String secret = appId.isPresent()
                ? r.optional(APP_KEY_SECRET_NAME).orElse(DEFAULT_APP_KEY_SECRET)
                : r.optional(TOKEN_SECRET_NAME).orElse(DEFAULT_TOKEN_SECRET);
        String setting = appId.isPresent() ? APP_KEY_SECRET_NAME : TOKEN_SECRET_NAME;
        if (!secret.matches("[A-Za-z0-9-]{1,127}")) {
            r.problem(setting, "'" + secret + "' is not a secret name (letters, digits and dashes)");
        }
        return new GitHubCredentialSettings(appId, secret);
    }

    /**
     * Reads the secret now, so that a missing one fails the invocation with one line before any
     * request; the value stays inside the returned auth (and the redactor knows it).
     */
    GitHubAuth resolve(SecretSource secrets) {
        String value = secrets.get(secretName).value();
        return appId.map(id -> GitHubAuth.app(id, () -> value)).orElseGet(() -> GitHubAuth.token(() -> value));
    }
}
