package org.helmupgradebot.clean.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.clean.inventory.ManifestRecord;

/** Builds realistic manifest records for tests: a fixed "now", ages in days, blobs by name and size. */
public final class Images {
    public static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    public static final String IMAGE = "application/vnd.oci.image.manifest.v1+json";
    public static final String INDEX = "application/vnd.oci.image.index.v1+json";

    private final String repository;
    private final String digest;
    private List<String> tags = List.of();
    private String mediaType = IMAGE;
    private Optional<Instant> updated = Optional.of(NOW.minus(Duration.ofDays(1)));
    private Map<String, Long> blobs = new LinkedHashMap<>();
    private long size = -1;
    private boolean deleteEnabled = true;
    private boolean writeEnabled = true;
    private List<String> children = List.of();
    private Optional<String> subject = Optional.empty();
    private List<String> problems = List.of();

    private Images(String repository, String digest) {
        this.repository = repository;
        this.digest = digest;
    }

    /** An image in {@code repository}; its digest is {@code sha256:<name>} padded, readable in failures. */
    public static Images image(String repository, String name) {
        return new Images(repository, digest(name));
    }

    public static String digest(String name) {
        return "sha256:" + name + "0".repeat(Math.max(0, 64 - name.length()));
    }

    public Images tags(String... tags) {
        this.tags = List.of(tags);
        return this;
    }

    public Images ageDays(long days) {
        this.updated = Optional.of(NOW.minus(Duration.ofDays(days)).minusSeconds(60));
        return this;
    }

    public Images noDate() {
        this.updated = Optional.empty();
        return this;
    }

    /** A blob (layer or config) by name and size; the record's size is the sum unless set. */
    public Images blob(String name, long bytes) {
        blobs.put(digest("b" + name), bytes);
        return this;
    }

    public Images size(long bytes) {
        this.size = bytes;
        return this;
    }

    public Images locked() {
        this.deleteEnabled = false;
        return this;
    }

    public Images writeLocked() {
        this.writeEnabled = false;
        return this;
    }

    public Images index(String... childNames) {
        this.mediaType = INDEX;
        this.children = java.util.Arrays.stream(childNames).map(Images::digest).toList();
        return this;
    }

    public Images referrerOf(String subjectName) {
        this.subject = Optional.of(digest(subjectName));
        return this;
    }

    public Images problem(String problem) {
        this.problems = List.of(problem);
        return this;
    }

    public ManifestRecord build() {
        long total = size >= 0 ? size : blobs.values().stream().mapToLong(Long::longValue).sum();
        return new ManifestRecord(repository, digest, tags, mediaType, updated, updated, total, deleteEnabled,
                writeEnabled, children, subject, blobs, problems);
    }
}
