package org.helmupgradebot.upgrade.publish;

import java.util.Optional;

/** What one publish did to the config repository, and how many API calls it took. */
public record PublishResult(Outcome outcome, Optional<Integer> pullNumber, Optional<String> pullUrl,
                            String branch, int apiCalls, String detail) {

    /** The kinds of things a publish can end with. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED, NOTHING_TO_DO, SKIPPED_HUMAN_COMMITS }

    /** One line for a report. */
    public String summary() {
        return outcome + pullNumber.map(n -> " #" + n).orElse("") + " " + branch
                + " (" + apiCalls + " API calls)" + (detail.isEmpty() ? "" : ": " + detail);
    }
}
