package org.helmupgradebot.shared.report;

import java.util.Objects;

/**
 * What one run of a job (upgrade or clean) reports, already rendered, so that the command line and
 * the Azure Function print or store the same thing.
 *
 * @param job short job name, e.g. {@code helm-upgrade} or {@code registry-cleaner}
 * @param exitCode 0 done, 1 a target or registry failed, 2 bad usage or configuration
 * @param text the report for a terminal or log (plain-text table)
 * @param markdown the same report as Markdown
 * @param json the same report as JSON
 */
public record JobReport(String job, int exitCode, String text, String markdown, String json) {
    public JobReport {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(json, "json");
    }

    public boolean failed() {
        return exitCode != 0;
    }
}
