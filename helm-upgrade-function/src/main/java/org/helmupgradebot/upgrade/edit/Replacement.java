package org.helmupgradebot.upgrade.edit;

import java.util.Objects;
import org.helmupgradebot.upgrade.manager.Pin;

/**
 * One planned edit: write {@code newVersion} over the version text of {@code pin}.
 *
 * @param pin the pin as extracted from the text being edited
 * @param newVersion the version to write, as YAML should read it (no quotes)
 */
public record Replacement(Pin pin, String newVersion) {

    public Replacement {
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(newVersion, "newVersion");
    }
}
