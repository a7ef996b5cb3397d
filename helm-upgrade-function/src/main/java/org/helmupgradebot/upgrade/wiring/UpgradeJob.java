package org.helmupgradebot.upgrade.wiring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.helmupgradebot.shared.report.Job;
import org.helmupgradebot.shared.report.JobReport;
import org.helmupgradebot.shared.report.SettingsProblemsJob;
import org.helmupgradebot.upgrade.config.BotConfig;
import org.helmupgradebot.upgrade.config.ConfigException;
import org.helmupgradebot.upgrade.config.ConfigLoader;
import org.helmupgradebot.upgrade.config.Target;

/**
 * One upgrade run as its settings describe it: first the config (the config repositories' own
 * {@link #CONFIG_FILE}, read at the head of each default branch, or the config given), then the run. A
 * config file that is missing or invalid makes the report (one line per problem, naming the repository
 * and file) and a failed run; nothing is changed.
 */
public final class UpgradeJob implements Job {
    /** Where a config repository keeps the bot's rules, next to Dependabot's and Renovate's. */
    public static final String CONFIG_FILE = ".github/helm-upgrade-bot.yaml";
    static final String JOB = "helm-upgrade";

    /** Reads one file of a repository ({@code owner/name}) at the head of its default branch. */
    @FunctionalInterface
    public interface ConfigFiles {
        /** @throws RuntimeException with a one-line message when the file cannot be read or is not there */
        String read(String repo, String path);
    }

    private final ConfigSource source;
    private final Optional<ConfigFiles> files;
    private final Function<BotConfig, Job> runs;

    /**
     * @param files the way to the repositories' files (needed when the source names repositories)
     * @param runs the run for a config
     */
    public UpgradeJob(ConfigSource source, Optional<ConfigFiles> files, Function<BotConfig, Job> runs) {
        this.source = source;
        this.files = files;
        this.runs = runs;
    }

    @Override
    public JobReport run() {
        List<String> problems = new ArrayList<>();
        BotConfig config = source instanceof ConfigSource.Given given ? given.config()
                : fromRepositories(((ConfigSource.Repositories) source).repositories(), problems);
        if (!problems.isEmpty()) {
            return new SettingsProblemsJob(JOB, problems).run();
        }
        return runs.apply(config).run();
    }

    private BotConfig fromRepositories(List<String> repos, List<String> problems) {
        ConfigFiles gateway = files.orElseThrow(() -> new IllegalStateException("no GitHub sign-in configured"));
        ConfigLoader loader = new ConfigLoader(UpgradeJobs.RANGE_CHECK);
        List<Target> targets = new ArrayList<>();
        Map<String, String> mirrors = new LinkedHashMap<>();
        Map<String, String> targetOwner = new HashMap<>();
        for (String repo : repos) {
            String where = repo + "/" + CONFIG_FILE;
            BotConfig one;
            try {
                one = loader.parseRepositoryFile(gateway.read(repo, CONFIG_FILE), where, repo);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
                continue;
            } catch (RuntimeException e) {
                problems.add(where + ": cannot read the bot's config: " + oneLine(e));
                continue;
            }
            for (Target t : one.targets()) {
                String other = targetOwner.putIfAbsent(t.name(), repo);
                if (other != null) {
                    problems.add(where + ": target name '" + t.name() + "' is also used in " + other + "/" + CONFIG_FILE
                            + " (names must differ across config repositories)");
                }
                targets.add(t);
            }
            one.mirrors().forEach((from, to) -> {
                String before = mirrors.putIfAbsent(from, to);
                if (before != null && !before.equals(to)) {
                    problems.add(where + ": mirror for '" + from + "' differs from another config repository's ('" + before + "')");
                }
            });
        }
        return new BotConfig(targets, mirrors);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
