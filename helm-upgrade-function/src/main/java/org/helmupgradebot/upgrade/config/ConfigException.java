package org.helmupgradebot.upgrade.config;

import java.util.List;

/** The bot's configuration is invalid; carries every problem found, each as one line with its location. */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
