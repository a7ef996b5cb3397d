package org.helmupgradebot.upgrade.version;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A version offered by a source: an entry of a Helm {@code index.yaml} (with its {@code created} time) or a
 * tag from a registry's tag list (no date).
 *
 * @param version the version text exactly as the source spells it
 * @param created when it was published, if the source says
 */
public record Candidate(String version, Optional<Instant> created) {

    public Candidate {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(created, "created");
    }

    /** A registry tag: no date. */
    public static Candidate tag(String version) {
        return new Candidate(version, Optional.empty());
    }

    /** A Helm index entry published at {@code created}. */
    public static Candidate published(String version, Instant created) {
        return new Candidate(version, Optional.of(created));
    }
}
