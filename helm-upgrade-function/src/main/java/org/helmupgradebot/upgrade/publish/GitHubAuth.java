package org.helmupgradebot.upgrade.publish;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the bot signs in to GitHub: a personal access token, or a GitHub App (app id and PEM private
 * key, exchanged for an installation token on the config repository). Secrets come in as suppliers
 * and are read only when a request needs them; {@link #toString()} never shows them.
 */
public sealed interface GitHubAuth {

    /** A personal access token (fine-grained: contents and pull requests write on the config repo). */
    static GitHubAuth token(Supplier<String> token) {
        return new Token(token);
    }

    /** A GitHub App installed on the config repository. */
    static GitHubAuth app(String appId, Supplier<String> privateKeyPem) {
        return new App(appId, privateKeyPem);
    }

    /** A personal access token. */
    record Token(Supplier<String> token) implements GitHubAuth {
        public Token {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "GitHubAuth.Token[***]";
        }
    }

    /** A GitHub App: its id and PEM private key (PKCS#1 or PKCS#8). */
    record App(String appId, Supplier<String> privateKeyPem) implements GitHubAuth {
        public App {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        }

        @Override
        public String toString() {
            return "GitHubAuth.App[" + appId + ", key ***]";
        }
    }
}
