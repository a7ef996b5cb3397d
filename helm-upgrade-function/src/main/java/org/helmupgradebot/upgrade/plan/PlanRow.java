package org.helmupgradebot.upgrade.plan;

import java.util.Optional;
import org.helmupgradebot.upgrade.manager.Pin;

/**
 * What the plan says about one pin.
 *
 * @param pin the pin as found in its file
 * @param action bump, already current, or skipped
 * @param newest the version to move to (for a bump), or the newest seen
 * @param reason why, in a few words
 * @param sourceRepo a GitHub repository URL of the chart or image, for compare links, where known
 */
public record PlanRow(Pin pin, Action action, Optional<String> newest, String reason, Optional<String> sourceRepo) {

    /** What happens to a pin. */
    public enum Action {
        BUMP("bump"), CURRENT("current"), SKIPPED("skipped");

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
