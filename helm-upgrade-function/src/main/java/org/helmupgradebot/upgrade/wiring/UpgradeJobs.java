package org.helmupgradebot.upgrade.wiring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.report.Job;
import org.helmupgradebot.shared.secrets.SecretSource;
import org.helmupgradebot.upgrade.UpgradeRun;
import org.helmupgradebot.upgrade.config.BotConfig;
import org.helmupgradebot.upgrade.config.ConfigLoader;
import org.helmupgradebot.upgrade.publish.CodePlatform;
import org.helmupgradebot.upgrade.publish.GitHubAuth;
import org.helmupgradebot.upgrade.publish.GitHubPlatform;
import org.helmupgradebot.upgrade.publish.GitHubSession;
import org.helmupgradebot.upgrade.publish.PlatformException;
import org.helmupgradebot.upgrade.publish.PlatformPublishing;
import org.helmupgradebot.upgrade.publish.TargetPublishing;
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
        Optional<GitHubAuth> auth = settings.needsGitHub() ? Optional.of(settings.github().auth(secrets)) : Optional.empty();
        String endpoint = settings.github().endpoint();
        Optional<TargetPublishing> gateway = auth.map(a -> PlatformPublishing.github(endpoint, a, httpOptions));
        Optional<UpgradeJob.ConfigFiles> files = auth.map(a -> (repo, path) -> defaultBranchFile(
                new GitHubPlatform(GitHubSession.connect(endpoint, a, repo, httpOptions)), repo, path));
        return new UpgradeJob(settings.config(), files, config -> {
            Map<String, String> mirrors = new LinkedHashMap<>(config.mirrors());
            mirrors.putAll(extraMirrors);
            return run(new BotConfig(config.targets(), mirrors), dryRun, prerelease, gateway, httpOptions);
        });
    }

    /** One file at the head of the repository's default branch, through the platform's "read files at a commit". */
    static String defaultBranchFile(CodePlatform platform, String repo, String path) {
        String branch = platform.defaultBranch(repo);
        String sha = platform.head(repo, branch).sha();
        return platform.readFile(repo, sha, path).orElseThrow(() -> new PlatformException(PlatformException.Kind.NOT_FOUND,
                "file " + path + " not found in " + repo + " at branch '" + branch + "' (" + sha.substring(0, Math.min(7, sha.length())) + ")"));
    }

    /** A run of local folders only (no GitHub). */
    public static UpgradeRun local(BotConfig config, boolean dryRun, Optional<Prerelease> prerelease, HttpOptions httpOptions) {
        return run(config, dryRun, prerelease, Optional.empty(), httpOptions);
    }

    private static UpgradeRun run(BotConfig config, boolean dryRun, Optional<Prerelease> prerelease,
            Optional<TargetPublishing> gateway, HttpOptions httpOptions) {
        RetryingHttpClient http = new RetryingHttpClient(httpOptions);
        Mirrors mirrors = new Mirrors(config.mirrors());
        VersionLookup lookup = new VersionLookup(new HelmRepositorySource(http, mirrors), new OciTagSource(http, mirrors));
        return new UpgradeRun(config, lookup, gateway, dryRun, prerelease);
    }
}
