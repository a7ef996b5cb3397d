package org.helmupgradebot.clean.report;

import java.util.Locale;

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
}
