package org.helmupgradebot.shared.secrets;

import java.util.Objects;

/** A named secret value; {@link #toString()} never shows the value. */
public record Secret(String name, String value) {
    public Secret {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "Secret[" + name + "=***]";
    }
}
