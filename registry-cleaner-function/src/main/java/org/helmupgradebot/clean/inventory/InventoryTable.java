package org.helmupgradebot.clean.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The inventory table the policy, plan and reports work on: one row per manifest, sortable by age and
 * size. Lists (tags, children) are held as text joined by a separator no tag or digest can contain; the
 * accessors here split them back.
 */
public final class InventoryTable {
    public static final String REPOSITORY = "repository";
    public static final String DIGEST = "digest";
    public static final String TAGS = "tags";
    public static final String MEDIA_TYPE = "mediaType";
    public static final String CREATED = "created";
    public static final String LAST_UPDATED = "lastUpdated";
    public static final String AGE_DAYS = "ageDays";
    public static final String SIZE_BYTES = "sizeBytes";
    public static final String DELETE_ENABLED = "deleteEnabled";
    public static final String WRITE_ENABLED = "writeEnabled";
    public static final String CHILDREN = "children";
    public static final String SUBJECT = "subject";
    public static final String PROBLEMS = "problems";

    /** Between tags in {@link #TAGS}: a tag is [A-Za-z0-9_][A-Za-z0-9._-]*, so it never holds a space. */
    static final String TAG_SEPARATOR = " ";
    private static final String CHILD_SEPARATOR = ",";

    private InventoryTable() {}

    /** The table for these records, in their order; {@code ageDays} is measured at {@code now}, -1 when there is no date. */
    public static Table of(String name, List<ManifestRecord> records, Instant now) {
        StringColumn repository = StringColumn.create(REPOSITORY);
        StringColumn digest = StringColumn.create(DIGEST);
        StringColumn tags = StringColumn.create(TAGS);
        StringColumn mediaType = StringColumn.create(MEDIA_TYPE);
        InstantColumn created = InstantColumn.create(CREATED);
        InstantColumn lastUpdated = InstantColumn.create(LAST_UPDATED);
        LongColumn ageDays = LongColumn.create(AGE_DAYS);
        LongColumn size = LongColumn.create(SIZE_BYTES);
        BooleanColumn deleteEnabled = BooleanColumn.create(DELETE_ENABLED);
        BooleanColumn writeEnabled = BooleanColumn.create(WRITE_ENABLED);
        StringColumn children = StringColumn.create(CHILDREN);
        StringColumn subject = StringColumn.create(SUBJECT);
        StringColumn problems = StringColumn.create(PROBLEMS);
        for (ManifestRecord r : records) {
            repository.append(r.repository());
            digest.append(r.digest());
            tags.append(String.join(TAG_SEPARATOR, r.tags()));
            mediaType.append(r.mediaType() == null ? "" : r.mediaType());
            created.append(r.created().orElse(null));
            lastUpdated.append(r.lastUpdated().orElse(null));
            ageDays.append(ageDays(r, now));
            size.append(r.sizeBytes());
            deleteEnabled.append(r.deleteEnabled());
            writeEnabled.append(r.writeEnabled());
            children.append(String.join(CHILD_SEPARATOR, r.childDigests()));
            subject.append(r.subjectDigest().orElse(""));
            problems.append(String.join("; ", problems(r)));
        }
        return Table.create(name, repository, digest, tags, mediaType, created, lastUpdated, ageDays, size,
                deleteEnabled, writeEnabled, children, subject, problems);
    }

    /** The record's problems, plus one for a tag the table could not hold apart from the others. */
    private static List<String> problems(ManifestRecord r) {
        List<String> problems = new ArrayList<>(r.problems());
        r.tags().stream().filter(t -> t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)).findFirst()
                .ifPresent(t -> problems.add("tag '" + t + "' is not a valid tag"));
        return problems;
    }

    /** Whole days since the age reference (last update, else created), or -1 when unknown. */
    public static long ageDays(ManifestRecord r, Instant now) {
        return r.ageReference().map(t -> Duration.between(t, now).toDays()).orElse(-1L);
    }

    /** The tags held in one {@link #TAGS} cell. */
    public static List<String> tags(String cell) {
        return split(cell, TAG_SEPARATOR);
    }

    /** The digests held in one {@link #CHILDREN} cell. */
    public static List<String> children(String cell) {
        return split(cell, CHILD_SEPARATOR);
    }

    /** The subject a referrer row points at. */
    public static Optional<String> subject(Table table, int row) {
        String s = table.stringColumn(SUBJECT).get(row);
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** The time the age rule uses: last update where known, else created. */
    public static Optional<Instant> ageReference(Table table, int row) {
        InstantColumn updated = table.instantColumn(LAST_UPDATED);
        if (!updated.isMissing(row)) {
            return Optional.of(updated.get(row));
        }
        InstantColumn created = table.instantColumn(CREATED);
        return created.isMissing(row) ? Optional.empty() : Optional.of(created.get(row));
    }

    private static List<String> split(String joined, String separator) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(separator, -1));
    }
}
