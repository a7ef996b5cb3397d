package org.helmupgradebot.clean.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Turns manifest records into the inventory table: one row per manifest, sortable by age and size. */
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

    private InventoryTable() {}

    /** The table for these records; {@code ageDays} is measured at {@code now}, missing (-1) when there is no date. */
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
            tags.append(String.join(",", r.tags()));
            mediaType.append(r.mediaType() == null ? "" : r.mediaType());
            created.append(r.created().orElse(null));
            lastUpdated.append(r.lastUpdated().orElse(null));
            ageDays.append(ageDays(r, now));
            size.append(r.sizeBytes());
            deleteEnabled.append(r.deleteEnabled());
            writeEnabled.append(r.writeEnabled());
            children.append(String.join(",", r.childDigests()));
            subject.append(r.subjectDigest().orElse(""));
            problems.append(String.join("; ", r.problems()));
        }
        return Table.create(name, repository, digest, tags, mediaType, created, lastUpdated, ageDays, size,
                deleteEnabled, writeEnabled, children, subject, problems);
    }

    /** Whole days since the age reference (last update, else created), or -1 when unknown. */
    public static long ageDays(ManifestRecord r, Instant now) {
        return r.ageReference().map(t -> Duration.between(t, now).toDays()).orElse(-1L);
    }
}
