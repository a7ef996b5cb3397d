package org.helmupgradebot.upgrade.plan;

import java.util.ArrayList;
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
import org.helmupgradebot.upgrade.version.Prerelease;
import org.helmupgradebot.upgrade.version.Selection;
import org.helmupgradebot.upgrade.version.VersionPolicy;
import org.helmupgradebot.upgrade.version.VersionRange;
import org.helmupgradebot.upgrade.version.VersionSelector;

/**
 * Decides, for every pin of one target, whether to bump it and to what, then makes and verifies
 * the byte-exact edits. A source failure fails the whole target: it never reads as "up to date".
 */
public final class TargetPlanner {
    private final VersionLookup lookup;
    private final VersionSelector selector = new VersionSelector();
    private final Optional<Prerelease> prereleaseOverride;

    /**
     * @param prereleaseOverride a policy for every dependency from the command line, overriding the config
     */
    public TargetPlanner(VersionLookup lookup, Optional<Prerelease> prereleaseOverride) {
        this.lookup = lookup;
        this.prereleaseOverride = prereleaseOverride;
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
                    rows.add(new PlanRow(pin, PlanRow.Action.SKIPPED, Optional.empty(), "lookup failed", Optional.empty()));
                }
            }
        }
        if (!errors.isEmpty()) {
            return new TargetPlan(target.name(), where, rows, Map.of(), List.copyOf(errors));
        }
        try {
            return new TargetPlan(target.name(), where, rows, edits(files, rows), List.of());
        } catch (EditException e) {
            return TargetPlan.failed(target.name(), where, rows, e.getMessage());
        }
    }

    private PlanRow decide(Target target, Pin pin) {
        if (!pin.checkable()) {
            return new PlanRow(pin, PlanRow.Action.SKIPPED, Optional.empty(), pin.skipReason().get(), Optional.empty());
        }
        DependencyRule rule = target.ruleFor(pin.name());
        VersionPolicy policy = policy(rule);
        if (policy.ignore()) {
            return new PlanRow(pin, PlanRow.Action.SKIPPED, Optional.empty(), "ignored by config", Optional.empty());
        }
        VersionLookup.Offer offer = lookup.offer(pin);
        Selection s = selector.select(pin.version(), offer.candidates(), policy);
        // The config's `source:` wins over what the index says (old index entries name no source at all).
        Optional<String> source = rule.source().or(offer::sourceRepo);
        return switch (s.outcome()) {
            case BUMP -> new PlanRow(pin, PlanRow.Action.BUMP, s.newest(), s.reason(), source);
            case CURRENT -> new PlanRow(pin, PlanRow.Action.CURRENT, Optional.of(pin.version()), s.reason(), source);
            case IGNORED, UNPARSEABLE_PIN, NO_CANDIDATES ->
                    new PlanRow(pin, PlanRow.Action.SKIPPED, Optional.empty(), s.reason(), source);
        };
    }

    private VersionPolicy policy(DependencyRule rule) {
        Prerelease stream = prereleaseOverride.orElseGet(() -> Prerelease.parse(rule.prerelease()).orElseThrow());
        return new VersionPolicy(stream, rule.allowed().map(VersionRange::parse), rule.ignore());
    }

    /** Applies the bumps file by file and verifies each edit; returns path to new text for changed files. */
    private static Map<String, String> edits(List<PinnedFile> files, List<PlanRow> rows) {
        Map<String, String> out = new LinkedHashMap<>();
        for (PinnedFile file : files) {
            List<Replacement> plan = new ArrayList<>();
            for (PlanRow row : rows) {
                if (row.isBump() && file.pins().contains(row.pin())) {
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
