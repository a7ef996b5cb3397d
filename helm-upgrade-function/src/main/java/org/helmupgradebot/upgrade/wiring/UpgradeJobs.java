package org.helmupgradebot.upgrade.wiring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.report.Job;
import org.helmupgradebot.shared.secrets.SecretSource;
import org.helmupgradebot.upgrade.GitHubGateway;
import org.helmupgradebot.upgrade.UpgradeRun;
import org.helmupgradebot.upgrade.config.BotConfig;
import org.helmupgradebot.upgrade.config.ConfigLoader;
import org.helmupgradebot.upgrade.publish.GitHubPublishing;
import org.helmupgradebot.upgrade.source.HelmRepositorySource;
import org.helmupgradebot.upgrade.source.Mirrors;
import org.helmupgradebot.upgrade.source.OciTagSource;
import org.helmupgradebot.upgrade.source.VersionLookup;
import org.helmupgradebot.upgrade.version.Prerelease;
import org.helmupgradebot.upgrade.version.VersionRange;

/** Builds the upgrade job from its settings, the same for the command line and the Azure Function. */
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

    /**
     * The job the settings describe: the GitHub token or App key read now from {@code secrets} when the
     * config needs GitHub (a missing secret is one line before any request), then the config, then the run.
     *
     * @param extraMirrors mirrors added to the config's own (the command line's {@code --mirror})
     */
    public static Job create(UpgradeSettings settings, boolean dryRun, Optional<Prerelease> prerelease,
            Map<String, String> extraMirrors, SecretSource secrets, HttpOptions httpOptions) {
        Optional<GitHubGateway> gateway = settings.needsGitHub()
                ? Optional.of(new GitHubPublishing(settings.github().endpoint(), settings.github().auth(secrets)))
                : Optional.empty();
        return new UpgradeJob(settings.config(), gateway, config -> {
            Map<String, String> mirrors = new LinkedHashMap<>(config.mirrors());
            mirrors.putAll(extraMirrors);
            return run(new BotConfig(config.targets(), mirrors), dryRun, prerelease, gateway, httpOptions);
        });
    }

    /** A run of local folders only (no GitHub). */
    public static UpgradeRun local(BotConfig config, boolean dryRun, Optional<Prerelease> prerelease, HttpOptions httpOptions) {
        return run(config, dryRun, prerelease, Optional.empty(), httpOptions);
    }

    private static UpgradeRun run(BotConfig config, boolean dryRun, Optional<Prerelease> prerelease,
            Optional<GitHubGateway> gateway, HttpOptions httpOptions) {
        RetryingHttpClient http = new RetryingHttpClient(httpOptions);
        Mirrors mirrors = new Mirrors(config.mirrors());
        VersionLookup lookup = new VersionLookup(new HelmRepositorySource(http, mirrors), new OciTagSource(http, mirrors));
        return new UpgradeRun(config, lookup, gateway, dryRun, prerelease);
    }
}
