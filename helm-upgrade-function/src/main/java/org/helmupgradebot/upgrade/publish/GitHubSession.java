package org.helmupgradebot.upgrade.publish;

import java.io.IOException;
import java.time.Clock;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * A signed-in github-api client for one config repository, over the {@link GitHubHttpConnector}, with
 * the library's own unbounded rate-limit waits switched off (the shared HTTP client does bounded ones).
 */
public final class GitHubSession {
    /** The public GitHub API. */
    public static final String GITHUB_API = "https://api.github.com";

    private final GitHub api;
    private final GitHubHttpConnector connector;
    private final String endpoint;
    private final java.util.Map<String, GHRepository> repositories = new java.util.concurrent.ConcurrentHashMap<>();

    private GitHubSession(GitHub api, GitHubHttpConnector connector, String endpoint) {
        this.api = api;
        this.connector = connector;
        this.endpoint = endpoint;
    }

    /** Connects to {@code endpoint} (GitHub, GitHub Enterprise's /api/v3, or a test stand-in) for {@code repo}. */
    public static GitHubSession connect(String endpoint, GitHubAuth auth, String repo, GitHubHttpConnector connector) {
        String base = endpoint.replaceAll("/+$", "");
        AuthorizationProvider provider;
        if (auth instanceof GitHubAuth.Token t) {
            provider = () -> "token " + t.token().get();
        } else {
            provider = new AppInstallationAuthorization((GitHubAuth.App) auth, base, connector, repo,
                    Clock.systemUTC());
        }
        try {
            GitHub api = builder(base, connector).withAuthorizationProvider(provider).build();
            return new GitHubSession(api, connector, base);
        } catch (IOException e) {
            throw new PublishException("cannot set up the GitHub client for " + base + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** Connects through a shared-layer HTTP client of its own with these options. */
    public static GitHubSession connect(String endpoint, GitHubAuth auth, String repo, HttpOptions options) {
        return connect(endpoint, auth, repo, new GitHubHttpConnector(new RetryingHttpClient(options), endpoint));
    }

    static GitHubBuilder builder(String endpoint, GitHubConnector connector) {
        return new GitHubBuilder()
                .withEndpoint(endpoint)
                .withConnector(connector)
                .withRateLimitHandler(new GitHubRateLimitHandler() {
                    @Override
                    public void onError(GitHubConnectorResponse response) throws IOException {
                        throw new HttpException(response);
                    }
                })
                .withAbuseLimitHandler(new GitHubAbuseLimitHandler() {
                    @Override
                    public void onError(GitHubConnectorResponse response) throws IOException {
                        throw new HttpException(response);
                    }
                });
    }

    /** The repository "owner/name", fetched once per session (files and publisher share it). */
    public GHRepository repository(String fullName) {
        return repositories.computeIfAbsent(fullName, name ->
                Steps.call("reading repository", name, () -> api.getRepository(name)));
    }

    public GitHub api() {
        return api;
    }

    public String endpoint() {
        return endpoint;
    }

    /** Number of HTTP requests made through this session so far (retries and redirects included). */
    public int callCount() {
        return (int) connector.requestCount();
    }
}
