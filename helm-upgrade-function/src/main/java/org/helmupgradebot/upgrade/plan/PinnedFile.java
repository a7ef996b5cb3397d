package org.helmupgradebot.upgrade.plan;

import java.util.List;
import org.helmupgradebot.upgrade.manager.Pin;
import org.helmupgradebot.upgrade.manager.PinExtractor;

/**
 * One file of a target as read, with the pins found in it and the extraction that found them
 * (run again to verify an edit).
 */
public record PinnedFile(String path, String text, List<Pin> pins, PinExtractor extractor) {
    public PinnedFile {
        pins = List.copyOf(pins);
    }
}
