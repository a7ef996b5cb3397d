package org.helmupgradebot.shared.report;

import java.util.List;
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
 * @param attachments files the Markdown links to by their bare names (e.g. a chart), stored next to it
 */
public record JobReport(String job, int exitCode, String text, String markdown, String json,
        List<Attachment> attachments) {
    public JobReport {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(json, "json");
        attachments = List.copyOf(attachments);
    }

    public JobReport(String job, int exitCode, String text, String markdown, String json) {
        this(job, exitCode, text, markdown, json, List.of());
    }

    /**
     * A file beside the Markdown report, linked from it as {@code (name)}.
     *
     * @param name a bare file name, e.g. {@code bytes-by-age.png}
     */
    public record Attachment(String name, String contentType, byte[] content) {
        public Attachment {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("attachment name '" + name + "' is not a bare file name");
            }
        }
    }

    /** The Markdown with each attachment's link {@code (name)} pointing at {@code prefix + name} instead. */
    public String markdownLinkingAttachmentsAs(String prefix) {
        String md = markdown;
        for (Attachment a : attachments) {
            md = md.replace("](" + a.name() + ")", "](" + prefix + a.name() + ")");
        }
        return md;
    }

    public boolean failed() {
        return exitCode != 0;
    }
}
