package org.helmupgradebot.clean.policy;

import static org.helmupgradebot.clean.inventory.InventoryTable.DELETE_ENABLED;
import static org.helmupgradebot.clean.inventory.InventoryTable.PROBLEMS;
import static org.helmupgradebot.clean.inventory.InventoryTable.REPOSITORY;
import static org.helmupgradebot.clean.inventory.InventoryTable.WRITE_ENABLED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.helmupgradebot.clean.inventory.InventoryTable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The age pass over the inventory table: adds the verdict columns {@link #KEEP}, {@link #REASON} and
 * {@link #PROTECTED} to a copy of it. Protection is decided first (locks, unreadable rows, keep
 * patterns, untagged-only, newest K); then age; then children of kept indexes and referrers of kept
 * subjects are pulled back until nothing changes.
 */
public final class PolicyEvaluator {
    /** False when the row is to be deleted. */
    public static final String KEEP = "keep";
    /** Why, in a few words, for the report. */
    public static final String REASON = "reason";
    /** True when nothing may delete the row (lock, keep rule, dependency, unknown date); aggressive mode skips it. */
    public static final String PROTECTED = "protected";

    private final CleanPolicy policy;
    private final Instant now;

    public PolicyEvaluator(CleanPolicy policy, Instant now) {
        this.policy = policy;
        this.now = now;
    }

    /** A copy of the inventory table, same rows in the same order, with the verdict columns added. */
    public Table evaluate(Table inventory) {
        int n = inventory.rowCount();
        Set<ManifestKey> children = childrenOfIndexes(inventory);
        Set<Integer> newest = newestPerRepository(inventory, children);
        Verdict[] verdicts = new Verdict[n];
        for (int i = 0; i < n; i++) {
            verdicts[i] = firstPass(inventory, i, newest.contains(i));
        }
        pullBackDependencies(inventory, verdicts);
        BooleanColumn keep = BooleanColumn.create(KEEP);
        StringColumn reason = StringColumn.create(REASON);
        BooleanColumn protectedRow = BooleanColumn.create(PROTECTED);
        for (Verdict v : verdicts) {
            keep.append(!v.delete());
            reason.append(v.reason());
            protectedRow.append(v.protectedRow());
        }
        return inventory.copy().addColumns(keep, reason, protectedRow);
    }

    /** The verdict columns of one row as a value. */
    public static Verdict verdict(Table evaluated, int row) {
        return new Verdict(!evaluated.booleanColumn(KEEP).get(row), evaluated.stringColumn(REASON).get(row),
                evaluated.booleanColumn(PROTECTED).get(row));
    }

    /** The key of one row. */
    public static ManifestKey key(Table table, int row) {
        return new ManifestKey(table.stringColumn(REPOSITORY).get(row),
                table.stringColumn(InventoryTable.DIGEST).get(row));
    }

    private Verdict firstPass(Table t, int row, boolean newestK) {
        boolean deleteEnabled = t.booleanColumn(DELETE_ENABLED).get(row);
        if (!deleteEnabled || !t.booleanColumn(WRITE_ENABLED).get(row)) {
            return Verdict.protect("locked (" + (!deleteEnabled ? "deleteEnabled=false" : "writeEnabled=false") + ")");
        }
        String problems = t.stringColumn(PROBLEMS).get(row);
        if (!problems.isEmpty()) {
            return Verdict.protect("not read cleanly: " + problems);
        }
        List<String> tags = InventoryTable.tags(t, row);
        Optional<String> keptTag = tags.stream().filter(this::matchesKeepPattern).findFirst();
        if (keptTag.isPresent()) {
            return Verdict.protect("tag " + keptTag.get() + " matches a keep pattern");
        }
        if (policy.untaggedOnly() && !tags.isEmpty()) {
            return Verdict.protect("tagged (untagged-only mode)");
        }
        if (newestK) {
            return Verdict.protect("among the newest " + policy.keepNewest() + " of " + t.stringColumn(REPOSITORY).get(row));
        }
        Optional<Instant> reference = InventoryTable.ageReference(t, row);
        if (reference.isEmpty()) {
            return Verdict.protect("no date: the age rule never guesses");
        }
        long ageDays = Duration.between(reference.get(), now).toDays();
        if (policy.maxAgeDays().isEmpty()) {
            return Verdict.keep("no age rule");
        }
        int max = policy.maxAgeDays().getAsInt();
        if (Duration.between(reference.get(), now).compareTo(Duration.ofDays(max)) > 0) {
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
    private static Set<ManifestKey> childrenOfIndexes(Table t) {
        Set<ManifestKey> children = new HashSet<>();
        for (int i = 0; i < t.rowCount(); i++) {
            String repository = t.stringColumn(REPOSITORY).get(i);
            for (String child : InventoryTable.children(t, i)) {
                children.add(new ManifestKey(repository, child));
            }
        }
        return children;
    }

    /** Rows of the newest K dated top-level images (not children, not referrers) of each repository. */
    private Set<Integer> newestPerRepository(Table t, Set<ManifestKey> children) {
        if (policy.keepNewest() == 0) {
            return Set.of();
        }
        Map<String, List<Integer>> byRepo = new HashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            if (!children.contains(key(t, i)) && InventoryTable.subject(t, i).isEmpty()
                    && InventoryTable.ageReference(t, i).isPresent()) {
                byRepo.computeIfAbsent(t.stringColumn(REPOSITORY).get(i), k -> new ArrayList<>()).add(i);
            }
        }
        Comparator<Integer> newestFirst = Comparator.comparing((Integer i) -> InventoryTable.ageReference(t, i).get())
                .reversed().thenComparing(i -> t.stringColumn(InventoryTable.DIGEST).get(i));
        Set<Integer> newest = new HashSet<>();
        for (List<Integer> rows : byRepo.values()) {
            rows.stream().sorted(newestFirst).limit(policy.keepNewest()).forEach(newest::add);
        }
        return newest;
    }

    /** Protects children of kept indexes and referrers of kept subjects, repeating until stable. */
    private static void pullBackDependencies(Table t, Verdict[] verdicts) {
        Map<ManifestKey, Integer> rowOf = new HashMap<>();
        Map<ManifestKey, List<Integer>> parents = new HashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            rowOf.put(key(t, i), i);
            String repository = t.stringColumn(REPOSITORY).get(i);
            for (String child : InventoryTable.children(t, i)) {
                parents.computeIfAbsent(new ManifestKey(repository, child), k -> new ArrayList<>()).add(i);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < t.rowCount(); i++) {
                if (verdicts[i].protectedRow()) {
                    continue;
                }
                for (int parent : parents.getOrDefault(key(t, i), List.of())) {
                    if (!verdicts[parent].delete()) {
                        verdicts[i] = Verdict.protect("child of kept index "
                                + t.stringColumn(InventoryTable.DIGEST).get(parent));
                        changed = true;
                        break;
                    }
                }
                Optional<String> subject = InventoryTable.subject(t, i);
                if (!verdicts[i].protectedRow() && subject.isPresent()) {
                    Integer subjectRow = rowOf.get(new ManifestKey(t.stringColumn(REPOSITORY).get(i), subject.get()));
                    if (subjectRow != null && !verdicts[subjectRow].delete()) {
                        verdicts[i] = Verdict.protect("referrer of kept " + subject.get());
                        changed = true;
                    }
                }
            }
        }
    }
}
