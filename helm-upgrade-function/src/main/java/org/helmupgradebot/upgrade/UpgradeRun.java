package org.helmupgradebot.upgrade;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.helmupgradebot.shared.report.Job;
import org.helmupgradebot.shared.report.JobReport;
import org.helmupgradebot.upgrade.config.BotConfig;
import org.helmupgradebot.upgrade.config.Target;
import org.helmupgradebot.upgrade.files.FileReadException;
import org.helmupgradebot.upgrade.files.LocalTargetFiles;
import org.helmupgradebot.upgrade.files.TargetFiles;
import org.helmupgradebot.upgrade.manager.ExtractionException;
import org.helmupgradebot.upgrade.manager.Pin;
import org.helmupgradebot.upgrade.plan.PinnedFile;
import org.helmupgradebot.upgrade.plan.PlanRenderer;
import org.helmupgradebot.upgrade.plan.PublishGroup;
import org.helmupgradebot.upgrade.plan.TargetPlan;
import org.helmupgradebot.upgrade.plan.TargetPlanner;
import org.helmupgradebot.upgrade.plan.TargetReader;
import org.helmupgradebot.upgrade.plan.UpgradePlan;
import org.helmupgradebot.upgrade.publish.DashboardText;
import org.helmupgradebot.upgrade.publish.PlatformException;
import org.helmupgradebot.upgrade.publish.PublishResult;
import org.helmupgradebot.upgrade.publish.TargetPublishing;
import org.helmupgradebot.upgrade.source.VersionLookup;
import org.helmupgradebot.upgrade.version.Prerelease;

/**
 * One upgrade run: read every target's pins, look up the newest versions (each index once), plan
 * and verify the edits, then (unless a dry run) write local targets in place and publish GitHub
 * targets as pull requests. A failing target writes nothing and does not stop the others.
 */
public final class UpgradeRun implements Job {
    private final BotConfig config;
    private final VersionLookup lookup;
    private final Optional<TargetPublishing> github;
    private final boolean dryRun;
    private final Optional<Prerelease> prereleaseOverride;
    private final Clock clock;
    // Targets whose code platform could not be reached this run: their dashboard is left as it was.
    private final Set<String> unreachable = new HashSet<>();

    public UpgradeRun(BotConfig config, VersionLookup lookup, Optional<TargetPublishing> github, boolean dryRun,
            Optional<Prerelease> prereleaseOverride, Clock clock) {
        this.config = config;
        this.lookup = lookup;
        this.github = github;
        this.dryRun = dryRun;
        this.prereleaseOverride = prereleaseOverride;
        this.clock = clock;
    }

    public UpgradeRun(BotConfig config, VersionLookup lookup, Optional<TargetPublishing> github, boolean dryRun,
            Optional<Prerelease> prereleaseOverride) {
        this(config, lookup, github, dryRun, prereleaseOverride, Clock.systemUTC());
    }

    /** The outcome of a run: its plan and what was done with it. */
    public record Outcome(UpgradePlan plan, List<String> notes) {}

    /** Reads, looks up and plans every target; writes nothing. */
    public UpgradePlan plan() {
        List<ReadTarget> read = config.targets().stream().map(this::read).toList();
        List<Pin> all = new ArrayList<>();
        for (ReadTarget r : read) {
            // Ignored dependencies are never looked up: their repository may be unreachable from here.
            r.files().forEach(f -> f.pins().stream()
                    .filter(p -> !r.target().ruleFor(p.name()).ignore()).forEach(all::add));
        }
        lookup.prefetch(all);
        Instant now = clock.instant();
        TargetPlanner planner = new TargetPlanner(lookup, prereleaseOverride, Clock.fixed(now, java.time.ZoneOffset.UTC));
        List<TargetPlan> plans = new ArrayList<>();
        for (ReadTarget r : read) {
            Target t = r.target();
            plans.add(r.error().map(e -> TargetPlan.failed(t.name(), t.where(), List.of(), e))
                    .orElseGet(() -> planner.plan(t, t.where(), r.files())));
        }
        return new UpgradePlan(plans, now);
    }

    /** A target's files with their pins, or the one line that says why they could not be read. */
    private record ReadTarget(Target target, List<PinnedFile> files, Optional<String> error) {}

    private ReadTarget read(Target target) {
        try {
            return new ReadTarget(target, TargetReader.read(target, files(target)), Optional.empty());
        } catch (FileReadException e) {
            return new ReadTarget(target, List.of(), Optional.of(e.getMessage()));
        } catch (ExtractionException e) {
            // The extractor names the file relative to the target: say which target's.
            return new ReadTarget(target, List.of(), Optional.of(target.where() + "/" + e.getMessage()));
        } catch (RuntimeException e) {
            noteUnreachable(target, e);
            return new ReadTarget(target, List.of(), Optional.of(target.where() + ": " + oneLine(e)));
        }
    }

    /** Plans, then applies the plan unless this is a dry run. */
    public Outcome execute() {
        UpgradePlan plan = plan();
        List<String> notes = new ArrayList<>();
        List<TargetPlan> done = new ArrayList<>();
        for (int i = 0; i < plan.targets().size(); i++) {
            TargetPlan tp = plan.targets().get(i);
            Target target = config.targets().get(i);
            if (dryRun || tp.failed() || tp.edits().isEmpty()) {
                if (dryRun && !tp.edits().isEmpty()) {
                    notes.add(target.name() + ": dry run, " + tp.edits().size() + " file(s) would change"
                            + (tp.groups().size() > 1 ? ", in " + tp.groups().size() + " pull requests" : ""));
                }
                done.add(dashboard(target, tp, Map.of(), notes));
                continue;
            }
            Map<String, PublishResult> pulls = new HashMap<>(); // dependency name -> its pull request
            TargetPlan applied = tp;
            try {
                if (target.dir().isPresent()) {
                    new LocalTargetFiles(target.dir().get()).writeAll(tp.edits());
                    notes.add(target.name() + ": wrote " + String.join(", ", tp.edits().keySet()));
                } else {
                    // One pull request per group: the target's own, and each `major: separate` bump's.
                    for (PublishGroup group : tp.groups()) {
                        PublishResult result = gateway(target).publish(target, group);
                        notes.add(target.name() + ": " + result.summary());
                        group.bumps().forEach(r -> pulls.put(r.pin().name(), result));
                    }
                }
            } catch (IOException | RuntimeException e) {
                noteUnreachable(target, e);
                applied = tp.withError(target.name() + ": " + oneLine(e));
            }
            done.add(dashboard(target, applied, pulls, notes));
        }
        return new Outcome(new UpgradePlan(done, plan.at()), notes);
    }

    /**
     * Writes what the run found to the target's dashboard issue, when it has one and this is no dry run;
     * a failure to do so is an error of the target. A target whose platform was unreachable is left alone.
     */
    private TargetPlan dashboard(Target target, TargetPlan tp, Map<String, PublishResult> pulls, List<String> notes) {
        if (dryRun || !target.dashboard() || target.repo().isEmpty() || github.isEmpty()
                || unreachable.contains(target.name())) {
            return tp;
        }
        List<String> ignored = tp.rows().stream().map(r -> r.pin().name())
                .filter(n -> target.ruleFor(n).ignore()).distinct().toList();
        DashboardText.State state = new DashboardText.State(target.name(), target.where(), tp.rows(), ignored, pulls,
                tp.errors(), clock.instant());
        try {
            notes.add(target.name() + ": " + github.get().dashboard(target, state).summary());
            return tp;
        } catch (RuntimeException e) {
            return tp.withError(target.name() + ": " + oneLine(e));
        }
    }

    private void noteUnreachable(Target target, Throwable e) {
        if (e instanceof PlatformException p && p.is(PlatformException.Kind.UNAVAILABLE)) {
            unreachable.add(target.name());
        }
    }

    @Override
    public JobReport run() {
        Outcome outcome = execute();
        UpgradePlan plan = outcome.plan();
        return new JobReport("helm-upgrade", plan.anyFailed() ? 1 : 0,
                PlanRenderer.text(plan, outcome.notes()),
                PlanRenderer.markdown(plan, outcome.notes()),
                PlanRenderer.json(plan, outcome.notes()));
    }

    private TargetFiles files(Target target) {
        return target.dir().<TargetFiles>map(LocalTargetFiles::new).orElseGet(() -> gateway(target).files(target));
    }

    private TargetPublishing gateway(Target target) {
        return github.orElseThrow(() -> new IllegalStateException(
                "target " + target.name() + " names GitHub repository " + target.repo().orElse("?")
                        + " but no GitHub token is configured (set GITHUB_TOKEN)"));
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
