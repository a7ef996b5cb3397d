package org.helmupgradebot.shared.settings;

import java.util.List;

/** Settings that are missing or invalid: one line per problem, each naming its setting. */
public final class SettingsException extends RuntimeException {
    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super(String.join("\n", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, e.g. {@code setting KEY_VAULT_URL: 'x' is not an https:// URL}. */
    public List<String> problems() {
        return problems;
    }
}
