package org.helmupgradebot.upgrade.publish;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GHAppInstallationToken;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;

/**
 * Supplies a GitHub App installation token for the config repository's owner: signs a JWT with
 * the app key, asks GitHub for the installation on that repository and a token for it, and reuses
 * the token until five minutes before it expires.
 */
final class AppInstallationAuthorization implements AuthorizationProvider {
    private final GitHubAuth.App app;
    private final String endpoint;
    private final GitHubConnector connector;
    private final String repo;
    private final Clock clock;
    private String token;
    private Instant expiresAt = Instant.MIN;

    AppInstallationAuthorization(GitHubAuth.App app, String endpoint, GitHubConnector connector, String repo,
                                 Clock clock) {
        this.app = app;
        this.endpoint = endpoint;
        this.connector = connector;
        this.repo = repo;
        this.clock = clock;
    }

    @Override
    public synchronized String getEncodedAuthorization() throws IOException {
        if (token == null || clock.instant().plus(Duration.ofMinutes(5)).isAfter(expiresAt)) {
            refresh();
        }
        return "token " + token;
    }

    private void refresh() throws IOException {
        String jwt = AppJwt.create(app.appId(), app.privateKeyPem().get(), clock.instant());
        GitHub asApp = GitHubSession.builder(endpoint, connector).withJwtToken(jwt).build();
        String[] ownerName = repo.split("/", 2);
        GHAppInstallation installation = asApp.getApp().getInstallationByRepository(ownerName[0], ownerName[1]);
        GHAppInstallationToken created = installation.createToken().create();
        token = created.getToken();
        expiresAt = created.getExpiresAt() == null
                ? clock.instant().plus(Duration.ofMinutes(55)) : created.getExpiresAt().toInstant();
    }
}
