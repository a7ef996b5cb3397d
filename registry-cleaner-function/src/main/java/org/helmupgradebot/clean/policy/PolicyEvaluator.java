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
        Rows rows = new Rows(inventory);
        Set<ManifestKey> children = childrenOfIndexes(rows);
        Set<Integer> newest = newestPerRepository(rows, children);
        Verdict[] verdicts = new Verdict[n];
        for (int i = 0; i < n; i++) {
            verdicts[i] = firstPass(rows, i, newest.contains(i));
        }
        pullBackDependencies(rows, verdicts);
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

    /** The key of one row. */
    public static ManifestKey key(Table table, int row) {
        return new ManifestKey(table.stringColumn(REPOSITORY).get(row),
                table.stringColumn(InventoryTable.DIGEST).get(row));
    }

    /** The columns the policy reads, looked up once, and each row's key and age reference. */
    private static final class Rows {
        final StringColumn children;
        final StringColumn tags;
        final StringColumn problems;
        final BooleanColumn deleteEnabled;
        final BooleanColumn writeEnabled;
        final ManifestKey[] keys;
        final Optional<String>[] subjects;
        final Optional<Instant>[] references;

        @SuppressWarnings("unchecked")
        Rows(Table t) {
            int n = t.rowCount();
            StringColumn repository = t.stringColumn(REPOSITORY);
            children = t.stringColumn(InventoryTable.CHILDREN);
            tags = t.stringColumn(InventoryTable.TAGS);
            problems = t.stringColumn(PROBLEMS);
            deleteEnabled = t.booleanColumn(DELETE_ENABLED);
            writeEnabled = t.booleanColumn(WRITE_ENABLED);
            StringColumn digest = t.stringColumn(InventoryTable.DIGEST);
            keys = new ManifestKey[n];
            subjects = new Optional[n];
            references = new Optional[n];
            for (int i = 0; i < n; i++) {
                keys[i] = new ManifestKey(repository.get(i), digest.get(i));
                subjects[i] = InventoryTable.subject(t, i);
                references[i] = InventoryTable.ageReference(t, i);
            }
        }

        int size() {
            return keys.length;
        }

        List<String> children(int row) {
            return InventoryTable.children(children.get(row));
        }
    }

    private Verdict firstPass(Rows rows, int row, boolean newestK) {
        boolean deleteEnabled = rows.deleteEnabled.get(row);
        if (!deleteEnabled || !rows.writeEnabled.get(row)) {
            return Verdict.protect("locked (" + (!deleteEnabled ? "deleteEnabled=false" : "writeEnabled=false") + ")");
        }
        String problems = rows.problems.get(row);
        if (!problems.isEmpty()) {
            return Verdict.protect("not read cleanly: " + problems);
        }
        List<String> tags = InventoryTable.tags(rows.tags.get(row));
        Optional<String> keptTag = tags.stream().filter(this::matchesKeepPattern).findFirst();
        if (keptTag.isPresent()) {
            return Verdict.protect("tag " + keptTag.get() + " matches a keep pattern");
        }
        if (policy.untaggedOnly() && !tags.isEmpty()) {
            return Verdict.protect("tagged (untagged-only mode)");
        }
        if (newestK) {
            return Verdict.protect("among the newest " + policy.keepNewest() + " of " + rows.keys[row].repository());
        }
        Optional<Instant> reference = rows.references[row];
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
    private static Set<ManifestKey> childrenOfIndexes(Rows rows) {
        Set<ManifestKey> children = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            for (String child : rows.children(i)) {
                children.add(new ManifestKey(rows.keys[i].repository(), child));
            }
        }
        return children;
    }

    /** Rows of the newest K dated top-level images (not children, not referrers) of each repository. */
    private Set<Integer> newestPerRepository(Rows rows, Set<ManifestKey> children) {
        if (policy.keepNewest() == 0) {
            return Set.of();
        }
        Map<String, List<Integer>> byRepo = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!children.contains(rows.keys[i]) && rows.subjects[i].isEmpty() && rows.references[i].isPresent()) {
                byRepo.computeIfAbsent(rows.keys[i].repository(), k -> new ArrayList<>()).add(i);
            }
        }
        Comparator<Integer> newestFirst = Comparator.comparing((Integer i) -> rows.references[i].get()).reversed()
                .thenComparing(i -> rows.keys[i].digest());
        Set<Integer> newest = new HashSet<>();
        for (List<Integer> list : byRepo.values()) {
            list.stream().sorted(newestFirst).limit(policy.keepNewest()).forEach(newest::add);
        }
        return newest;
    }

    /** Protects children of kept indexes and referrers of kept subjects, repeating until stable. */
    private static void pullBackDependencies(Rows rows, Verdict[] verdicts) {
        Map<ManifestKey, Integer> rowOf = new HashMap<>();
        Map<ManifestKey, List<Integer>> parents = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            rowOf.put(rows.keys[i], i);
            for (String child : rows.children(i)) {
                parents.computeIfAbsent(new ManifestKey(rows.keys[i].repository(), child), k -> new ArrayList<>()).add(i);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < rows.size(); i++) {
                if (verdicts[i].protectedRow()) {
                    continue;
                }
                for (int parent : parents.getOrDefault(rows.keys[i], List.of())) {
                    if (!verdicts[parent].delete()) {
                        verdicts[i] = Verdict.protect("child of kept index " + rows.keys[parent].digest());
                        changed = true;
                        break;
                    }
                }
                Optional<String> subject = rows.subjects[i];
                if (!verdicts[i].protectedRow() && subject.isPresent()) {
                    Integer subjectRow = rowOf.get(new ManifestKey(rows.keys[i].repository(), subject.get()));
                    if (subjectRow != null && !verdicts[subjectRow].delete()) {
                        verdicts[i] = Verdict.protect("referrer of kept " + subject.get());
                        changed = true;
                    }
                }
            }
        }
    }
}
