package org.helmupgradebot.clean.report;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The report formats the command line offers. */
public enum OutputFormat {
    TABLE, JSON, CSV, MARKDOWN;

    public static OutputFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--output '" + text + "' is not one of table, json, csv, markdown");
        }
    }

    /** The format a file's extension names: .json, .csv, .md (or .markdown), .txt. */
    public static Optional<OutputFormat> forFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "json" -> Optional.of(JSON);
            case "csv" -> Optional.of(CSV);
            case "md", "markdown" -> Optional.of(MARKDOWN);
            case "txt" -> Optional.of(TABLE);
            default -> Optional.empty();
        };
    }
}
