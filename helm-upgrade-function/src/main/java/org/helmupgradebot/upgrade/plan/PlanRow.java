package org.helmupgradebot.upgrade.plan;

import java.time.Instant;
import java.util.Optional;
import org.helmupgradebot.upgrade.manager.Pin;

/**
 * What the plan says about one pin.
 *
 * @param pin the pin as found in its file
 * @param action bump, already current, waiting, or skipped
 * @param newest the version to move to (for a bump), the version that waits, or the newest seen
 * @param reason why, in a few words
 * @param sourceRepo a GitHub repository URL of the chart or image, for compare links, where known
 * @param major the move from the pin to {@code newest} crosses a major version
 * @param currentCreated when the pinned version was published, where the source says
 * @param newestCreated when {@code newest} was published, where the source says
 * @param waitingUntil for a version held back by {@code minimumReleaseAge}: when it may be proposed
 */
public record PlanRow(Pin pin, Action action, Optional<String> newest, String reason, Optional<String> sourceRepo,
        boolean major, Optional<Instant> currentCreated, Optional<Instant> newestCreated,
        Optional<Instant> waitingUntil) {

    /** A row without dates or major flag: skipped, failed lookups, ignored dependencies. */
    public static PlanRow skipped(Pin pin, String reason, Optional<String> sourceRepo) {
        return new PlanRow(pin, Action.SKIPPED, Optional.empty(), reason, sourceRepo, false, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** What happens to a pin. */
    public enum Action {
        BUMP("bump"), CURRENT("current"),
        /** A newer version exists but is held back (minimumReleaseAge, or {@code major: ignore}). */
        WAITING("waiting"),
        SKIPPED("skipped");

        private final String word;

        Action(String word) {
            this.word = word;
        }

        /** The word used in reports and JSON. */
        public String word() {
            return word;
        }
    }

    public boolean isBump() {
        return action == Action.BUMP;
    }

    /** For a bump, where to see what changed (see {@link CompareLink}). */
    public Optional<String> compareUrl() {
        return isBump() ? CompareLink.url(sourceRepo, pin.version(), newest.orElseThrow()) : Optional.empty();
    }
}
