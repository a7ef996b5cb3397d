package org.helmupgradebot.upgrade.cli;

import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.upgrade.UpgradeRun;
import org.helmupgradebot.upgrade.config.BotConfig;
import org.helmupgradebot.upgrade.config.ConfigLoader;
import org.helmupgradebot.upgrade.publish.GitHubAuth;
import org.helmupgradebot.upgrade.publish.GitHubAuthFromEnvironment;
import org.helmupgradebot.upgrade.publish.PlatformPublishing;
import org.helmupgradebot.upgrade.publish.TargetPublishing;
import org.helmupgradebot.upgrade.source.HelmRepositorySource;
import org.helmupgradebot.upgrade.source.Mirrors;
import org.helmupgradebot.upgrade.source.OciTagSource;
import org.helmupgradebot.upgrade.source.VersionLookup;
import org.helmupgradebot.upgrade.version.Prerelease;
import org.helmupgradebot.upgrade.version.VersionRange;

/** Builds an {@link UpgradeRun} from a config and the environment; the CLI and the Azure Function both use it. */
public final class UpgradeJobs {
    /** Config validation of allowed ranges, by the version unit's own parser. */
    public static final ConfigLoader.RangeCheck RANGE_CHECK = range -> {
        try {
            VersionRange.parse(range);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    };

    private UpgradeJobs() {}

    /** A run with GitHub credentials from the environment (see {@link GitHubAuthFromEnvironment}). */
    public static UpgradeRun create(BotConfig config, boolean dryRun, Optional<Prerelease> prerelease,
            Map<String, String> env) {
        return create(config, dryRun, prerelease, env, HttpOptions.fromSettings(env));
    }

    /** As {@link #create(BotConfig, boolean, Optional, Map)}, with the HTTP timeouts and retries given. */
    public static UpgradeRun create(BotConfig config, boolean dryRun, Optional<Prerelease> prerelease,
            Map<String, String> env, HttpOptions httpOptions) {
        return create(config, dryRun, prerelease, GitHubAuthFromEnvironment.resolve(env),
                GitHubAuthFromEnvironment.endpoint(env), httpOptions);
    }

    /** A run with the GitHub credentials given (the Azure Function reads them from Key Vault). */
    public static UpgradeRun create(BotConfig config, boolean dryRun, Optional<Prerelease> prerelease,
            Optional<GitHubAuth> github, String githubEndpoint, HttpOptions httpOptions) {
        RetryingHttpClient http = new RetryingHttpClient(httpOptions);
        Mirrors mirrors = new Mirrors(config.mirrors());
        VersionLookup lookup = new VersionLookup(new HelmRepositorySource(http, mirrors), new OciTagSource(http, mirrors));
        Optional<TargetPublishing> gateway = github.map(auth -> PlatformPublishing.github(githubEndpoint, auth,
                httpOptions));
        return new UpgradeRun(config, lookup, gateway, dryRun, prerelease);
    }
}
