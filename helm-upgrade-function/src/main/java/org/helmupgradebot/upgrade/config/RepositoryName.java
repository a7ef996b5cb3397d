package org.helmupgradebot.upgrade.config;

import java.util.regex.Pattern;

/** The one rule for a GitHub repository written {@code owner/name}, wherever the bot reads or checks one. */
public final class RepositoryName {
    private static final Pattern OWNER_NAME = Pattern.compile("[A-Za-z0-9-]+/[A-Za-z0-9._-]+");

    private RepositoryName() {}

    /** Whether {@code text} is {@code owner/name} (GitHub's characters for each part). */
    public static boolean isValid(String text) {
        return text != null && OWNER_NAME.matcher(text).matches();
    }
}
