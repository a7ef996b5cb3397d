package org.helmupgradebot.upgrade.manager;

import java.util.List;

/** Reads the pins of one kind of file; what the edit verifier runs again on the edited text. */
@FunctionalInterface
public interface PinExtractor {

    /** The pins in {@code text}, in file order; throws {@link ExtractionException} on bad input. */
    List<Pin> extract(String file, String text);
}
