package org.helmupgradebot.upgrade.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.helmupgradebot.upgrade.config.DependencyRule;
import org.helmupgradebot.upgrade.config.Target;
import org.helmupgradebot.upgrade.edit.EditException;
import org.helmupgradebot.upgrade.edit.EditVerifier;
import org.helmupgradebot.upgrade.edit.Replacement;
import org.helmupgradebot.upgrade.edit.VersionEditor;
import org.helmupgradebot.upgrade.manager.Pin;
import org.helmupgradebot.upgrade.source.SourceException;
import org.helmupgradebot.upgrade.source.VersionLookup;
import org.helmupgradebot.upgrade.version.Candidate;
import org.helmupgradebot.upgrade.version.MajorVersion;
import org.helmupgradebot.upgrade.version.Prerelease;
import org.helmupgradebot.upgrade.version.Selection;
import org.helmupgradebot.upgrade.version.VersionPolicy;
import org.helmupgradebot.upgrade.version.VersionRange;
import org.helmupgradebot.upgrade.version.VersionSelector;

/**
 * Decides, for every pin of one target, whether to bump it and to what, then makes and verifies
 * the byte-exact edits: all bumps together (what a local target writes) and per pull request (the
 * target's own, and one per {@code major: separate} dependency). A source failure fails the whole target:
 * it never reads as "up to date".
 */
public final class TargetPlanner {
    private final VersionLookup lookup;
    private final VersionSelector selector = new VersionSelector();
    private final Optional<Prerelease> prereleaseOverride;
    private final Clock clock;

    /**
     * @param prereleaseOverride a policy for every dependency from the command line, overriding the config
     * @param clock what "now" is for {@code minimumReleaseAge}
     */
    public TargetPlanner(VersionLookup lookup, Optional<Prerelease> prereleaseOverride, Clock clock) {
        this.lookup = lookup;
        this.prereleaseOverride = prereleaseOverride;
        this.clock = clock;
    }

    public TargetPlan plan(Target target, String where, List<PinnedFile> files) {
        List<PlanRow> rows = new ArrayList<>();
        Set<String> errors = new LinkedHashSet<>();
        for (PinnedFile file : files) {
            for (Pin pin : file.pins()) {
                try {
                    rows.add(decide(target, pin));
                } catch (SourceException e) {
                    errors.add(e.getMessage());
                    rows.add(PlanRow.skipped(pin, "lookup failed", Optional.empty()));
                }
            }
        }
        if (!errors.isEmpty()) {
            return new TargetPlan(target.name(), where, rows, Map.of(), List.of(), List.copyOf(errors));
        }
        try {
            List<PlanRow> bumps = rows.stream().filter(PlanRow::isBump).toList();
            Map<String, String> all = edits(files, bumps);
            List<PublishGroup> groups = new ArrayList<>();
            for (Map.Entry<String, List<PlanRow>> g : groups(target, bumps).entrySet()) {
                Map<String, String> edits = g.getValue().size() == bumps.size() ? all : edits(files, g.getValue());
                groups.add(new PublishGroup(g.getKey(), g.getValue(), edits));
            }
            return new TargetPlan(target.name(), where, rows, all, groups, List.of());
        } catch (EditException e) {
            return TargetPlan.failed(target.name(), where, rows, e.getMessage());
        }
    }

    /** Group name to its bumps: the target's own first, then each {@code major: separate} dependency. */
    private static Map<String, List<PlanRow>> groups(Target target, List<PlanRow> bumps) {
        Map<String, List<PlanRow>> out = new LinkedHashMap<>();
        out.put(target.name(), new ArrayList<>());
        for (PlanRow row : bumps) {
            boolean separate = row.major() && target.ruleFor(row.pin().name()).major() == DependencyRule.Major.SEPARATE;
            String name = separate ? PublishGroup.majorName(target.name(), row.pin().name()) : target.name();
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(row);
        }
        out.values().removeIf(List::isEmpty);
        return out;
    }

    private PlanRow decide(Target target, Pin pin) {
        if (!pin.checkable()) {
            return PlanRow.skipped(pin, pin.skipReason().get(), Optional.empty());
        }
        DependencyRule rule = target.ruleFor(pin.name());
        VersionPolicy policy = policy(rule);
        if (policy.ignore()) {
            return PlanRow.skipped(pin, "ignored by config", Optional.empty());
        }
        VersionLookup.Offer offer = lookup.offer(pin);
        // The config's `source:` wins over what the index says (old index entries name no source at all).
        Optional<String> source = rule.source().or(offer::sourceRepo);
        List<Candidate> all = offer.candidates();
        Optional<Instant> currentCreated = created(all, pin.version());
        Selection full = selector.select(pin.version(), all, policy);
        if (!full.isBump()) {
            PlanRow.Action action = full.outcome() == Selection.Outcome.CURRENT ? PlanRow.Action.CURRENT : PlanRow.Action.SKIPPED;
            Optional<String> newest = action == PlanRow.Action.CURRENT ? Optional.of(pin.version()) : Optional.empty();
            return new PlanRow(pin, action, newest, full.reason(), source, false, currentCreated,
                    action == PlanRow.Action.CURRENT ? currentCreated : Optional.empty(), Optional.empty());
        }
        // What may not be proposed yet: majors under `major: ignore`, then versions younger than minimumReleaseAge.
        String top = full.newest().get();
        List<Candidate> permitted = all.stream()
                .filter(c -> c.version().equals(pin.version()) || !heldMajor(pin, c.version(), rule)).toList();
        Selection inMajor = permitted.size() == all.size() ? full : selector.select(pin.version(), permitted, policy);
        Optional<Candidate> next = inMajor.newest().flatMap(v -> candidate(all, v));
        Instant now = clock.instant();
        Optional<Instant> waitingUntil = next.filter(c -> tooYoung(c, rule, now))
                .map(c -> c.created().get().plus(rule.minimumReleaseAge().get()));
        List<Candidate> eligible = permitted.stream()
                .filter(c -> c.version().equals(pin.version()) || !tooYoung(c, rule, now)).toList();
        Selection allowed = eligible.size() == all.size() ? full : selector.select(pin.version(), eligible, policy);
        String held = held(pin, top, rule, next, waitingUntil);
        if (!allowed.isBump()) {
            String waiting = next.map(Candidate::version).orElse(top);
            return new PlanRow(pin, PlanRow.Action.WAITING, Optional.of(waiting), held, source,
                    MajorVersion.crosses(pin.version(), waiting), currentCreated, created(all, waiting), waitingUntil);
        }
        String chosen = allowed.newest().get();
        Optional<Instant> chosenCreated = created(all, chosen);
        String reason = allowed.reason() + (chosen.equals(top) ? "" : "; " + held);
        if (rule.minimumReleaseAge().isPresent() && chosenCreated.isEmpty()) {
            reason += " (no publication date: minimumReleaseAge cannot apply)";
        }
        return new PlanRow(pin, PlanRow.Action.BUMP, Optional.of(chosen), reason, source,
                MajorVersion.crosses(pin.version(), chosen), currentCreated, chosenCreated, waitingUntil);
    }

    /** Why the newest version is not proposed, for the report. */
    private static String held(Pin pin, String top, DependencyRule rule, Optional<Candidate> next,
            Optional<Instant> waitingUntil) {
        List<String> why = new ArrayList<>();
        if (heldMajor(pin, top, rule)) {
            why.add("major " + top + " waits (major: ignore)");
        }
        waitingUntil.ifPresent(until -> why.add(next.get().version() + " waits until " + until
                + " (minimumReleaseAge " + age(rule.minimumReleaseAge().get()) + ")"));
        return String.join("; ", why);
    }

    private static Optional<Candidate> candidate(List<Candidate> candidates, String version) {
        return candidates.stream().filter(c -> c.version().equals(version)).findFirst();
    }

    private static boolean tooYoung(Candidate c, DependencyRule rule, Instant now) {
        return rule.minimumReleaseAge().isPresent() && c.created().isPresent()
                && c.created().get().plus(rule.minimumReleaseAge().get()).isAfter(now);
    }

    private static boolean heldMajor(Pin pin, String version, DependencyRule rule) {
        return rule.major() == DependencyRule.Major.IGNORE && MajorVersion.crosses(pin.version(), version);
    }

    private static Optional<Instant> created(List<Candidate> candidates, String version) {
        return candidates.stream().filter(c -> c.version().equals(version)).map(Candidate::created)
                .flatMap(Optional::stream).max(Comparator.naturalOrder());
    }

    private static String age(Duration d) {
        return d.toDaysPart() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0 ? d.toDays() + "d"
                : d.toMinutesPart() == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }

    private VersionPolicy policy(DependencyRule rule) {
        Prerelease stream = prereleaseOverride.orElseGet(() -> Prerelease.parse(rule.prerelease()).orElseThrow());
        return new VersionPolicy(stream, rule.allowed().map(VersionRange::parse), rule.ignore());
    }

    /** Applies the bumps file by file, from the files as read, and verifies each edit; returns path to new text. */
    private static Map<String, String> edits(List<PinnedFile> files, List<PlanRow> bumps) {
        Map<String, String> out = new LinkedHashMap<>();
        for (PinnedFile file : files) {
            List<Replacement> plan = new ArrayList<>();
            for (PlanRow row : bumps) {
                if (file.pins().contains(row.pin())) {
                    plan.add(new Replacement(row.pin(), row.newest().get()));
                }
            }
            if (plan.isEmpty()) {
                continue;
            }
            String before = out.getOrDefault(file.path(), file.text());
            String after = VersionEditor.apply(before, plan);
            EditVerifier.verify(before, after, plan, file.extractor());
            out.put(file.path(), after);
        }
        return out;
    }
}
