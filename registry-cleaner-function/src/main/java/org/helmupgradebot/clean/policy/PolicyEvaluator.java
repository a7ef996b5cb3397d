package org.helmupgradebot.clean.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.helmupgradebot.clean.inventory.ManifestRecord;

/**
 * The age pass: decides for every manifest whether it is deleted or kept, and why. Protection is
 * decided first (locks, unreadable rows, keep patterns, untagged-only, newest K); then age; then
 * children of kept indexes and referrers of kept subjects are pulled back until nothing changes.
 */
public final class PolicyEvaluator {
    private final CleanPolicy policy;
    private final Instant now;

    public PolicyEvaluator(CleanPolicy policy, Instant now) {
        this.policy = policy;
        this.now = now;
    }

    /** A verdict for every record, in the records' order. */
    public Map<ManifestKey, Verdict> evaluate(List<ManifestRecord> records) {
        Set<ManifestKey> children = childrenOfIndexes(records);
        Set<ManifestKey> newest = newestPerRepository(records, children);
        Map<ManifestKey, Verdict> verdicts = new LinkedHashMap<>();
        for (ManifestRecord r : records) {
            ManifestKey key = ManifestKey.of(r);
            verdicts.put(key, firstPass(r, newest.contains(key)));
        }
        pullBackDependencies(records, verdicts);
        return verdicts;
    }

    private Verdict firstPass(ManifestRecord r, boolean newestK) {
        if (!r.deleteEnabled() || !r.writeEnabled()) {
            return Verdict.protect("locked (" + (!r.deleteEnabled() ? "deleteEnabled=false" : "writeEnabled=false") + ")");
        }
        if (!r.problems().isEmpty()) {
            return Verdict.protect("not read cleanly: " + String.join("; ", r.problems()));
        }
        Optional<String> keptTag = r.tags().stream().filter(this::matchesKeepPattern).findFirst();
        if (keptTag.isPresent()) {
            return Verdict.protect("tag " + keptTag.get() + " matches a keep pattern");
        }
        if (policy.untaggedOnly() && !r.tags().isEmpty()) {
            return Verdict.protect("tagged (untagged-only mode)");
        }
        if (newestK) {
            return Verdict.protect("among the newest " + policy.keepNewest() + " of " + r.repository());
        }
        if (r.ageReference().isEmpty()) {
            return Verdict.protect("no date: the age rule never guesses");
        }
        long ageDays = Duration.between(r.ageReference().get(), now).toDays();
        if (policy.maxAgeDays().isEmpty()) {
            return Verdict.keep("no age rule");
        }
        int max = policy.maxAgeDays().getAsInt();
        if (Duration.between(r.ageReference().get(), now).compareTo(Duration.ofDays(max)) > 0) {
            return Verdict.delete("older than " + max + " days (" + ageDays + ")");
        }
        return Verdict.keep("younger than " + max + " days (" + ageDays + ")");
    }

    private boolean matchesKeepPattern(String tag) {
        for (Pattern p : policy.keepTags()) {
            if (p.matcher(tag).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Manifests referenced by an index in the same repository. */
    private static Set<ManifestKey> childrenOfIndexes(List<ManifestRecord> records) {
        Set<ManifestKey> children = new HashSet<>();
        for (ManifestRecord r : records) {
            for (String child : r.childDigests()) {
                children.add(new ManifestKey(r.repository(), child));
            }
        }
        return children;
    }

    /** The newest K dated top-level images (not children, not referrers) of each repository. */
    private Set<ManifestKey> newestPerRepository(List<ManifestRecord> records, Set<ManifestKey> children) {
        if (policy.keepNewest() == 0) {
            return Set.of();
        }
        Map<String, List<ManifestRecord>> byRepo = records.stream()
                .filter(r -> !children.contains(ManifestKey.of(r)) && r.subjectDigest().isEmpty())
                .filter(r -> r.ageReference().isPresent())
                .collect(Collectors.groupingBy(ManifestRecord::repository));
        Set<ManifestKey> newest = new HashSet<>();
        for (List<ManifestRecord> list : byRepo.values()) {
            list.stream()
                    .sorted(Comparator.comparing((ManifestRecord r) -> r.ageReference().get()).reversed()
                            .thenComparing(ManifestRecord::digest))
                    .limit(policy.keepNewest())
                    .forEach(r -> newest.add(ManifestKey.of(r)));
        }
        return newest;
    }

    /** Protects children of kept indexes and referrers of kept subjects, repeating until stable. */
    private static void pullBackDependencies(List<ManifestRecord> records, Map<ManifestKey, Verdict> verdicts) {
        Map<ManifestKey, List<ManifestRecord>> parents = new HashMap<>();
        for (ManifestRecord r : records) {
            for (String child : r.childDigests()) {
                parents.computeIfAbsent(new ManifestKey(r.repository(), child), k -> new ArrayList<>()).add(r);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ManifestRecord r : records) {
                ManifestKey key = ManifestKey.of(r);
                if (verdicts.get(key).protectedRow()) {
                    continue;
                }
                for (ManifestRecord parent : parents.getOrDefault(key, List.of())) {
                    if (!verdicts.get(ManifestKey.of(parent)).delete()) {
                        verdicts.put(key, Verdict.protect("child of kept index " + parent.digest()));
                        changed = true;
                        break;
                    }
                }
                if (!verdicts.get(key).protectedRow() && r.subjectDigest().isPresent()) {
                    Verdict subject = verdicts.get(new ManifestKey(r.repository(), r.subjectDigest().get()));
                    if (subject != null && !subject.delete()) {
                        verdicts.put(key, Verdict.protect("referrer of kept " + r.subjectDigest().get()));
                        changed = true;
                    }
                }
            }
        }
    }
}
