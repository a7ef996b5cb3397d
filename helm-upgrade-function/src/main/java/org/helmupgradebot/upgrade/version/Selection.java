package org.helmupgradebot.upgrade.version;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link VersionSelector} decided for one pin.
 *
 * @param outcome the kind of decision
 * @param newest the version to bump to, exactly as the source offered it; present only for {@link Outcome#BUMP}
 * @param reason a short text for people, e.g. {@code newest stable 4.1.0}
 * @param unparseable offered strings that looked like versions but did not parse (reported, never chosen)
 */
public record Selection(Outcome outcome, Optional<String> newest, String reason, List<String> unparseable) {

    /** The kind of decision. */
    public enum Outcome {
        /** A newer version is proposed. */
        BUMP,
        /** The pin is already the newest the policy allows. */
        CURRENT,
        /** The policy says to leave this dependency alone. */
        IGNORED,
        /** The pin itself is not a version, so nothing can be compared with it. */
        UNPARSEABLE_PIN,
        /** The source offered no version at all. */
        NO_CANDIDATES
    }

    public Selection {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(newest, "newest");
        Objects.requireNonNull(reason, "reason");
        unparseable = List.copyOf(unparseable);
        if (newest.isPresent() != (outcome == Outcome.BUMP)) {
            throw new IllegalArgumentException("newest is present exactly for BUMP, got " + outcome);
        }
    }

    /** True when a bump is proposed. */
    public boolean isBump() {
        return outcome == Outcome.BUMP;
    }
}
