package org.helmupgradebot.upgrade.edit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.helmupgradebot.upgrade.manager.Pin;

/** Writes new versions over exactly the characters of the old ones, keeping quoting, comments and layout. */
public final class VersionEditor {

    private VersionEditor() {}

    /**
     * The text with every replacement applied.
     *
     * @param text the file text the pins were extracted from
     * @param replacements edits for pins of this one file, in any order
     * @throws EditException when a span no longer holds its old version, spans overlap, a pin is skipped,
     *     the pins come from different files, or the new version needs quoting the old style cannot give
     */
    public static String apply(String text, List<Replacement> replacements) {
        List<Replacement> sorted = new ArrayList<>(replacements);
        sorted.sort(Comparator.comparingInt((Replacement r) -> r.pin().start()).thenComparingInt(r -> r.pin().end()));
        StringBuilder out = new StringBuilder(text.length() + 64);
        int copied = 0;
        Pin previous = null;
        for (Replacement r : sorted) {
            Pin pin = r.pin();
            check(text, r, previous);
            out.append(text, copied, pin.start()).append(r.newVersion());
            copied = pin.end();
            previous = pin;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static void check(String text, Replacement r, Pin previous) {
        Pin pin = r.pin();
        if (previous != null && !previous.file().equals(pin.file())) {
            throw new EditException("one edit mixes files " + previous.file() + " and " + pin.file());
        }
        if (!pin.checkable()) {
            throw new EditException(where(pin) + ": cannot edit a skipped pin (" + pin.skipReason().get() + ")");
        }
        if (pin.end() > text.length() || !text.substring(pin.start(), pin.end()).equals(pin.version())) {
            String found = pin.end() > text.length() ? "the end of the file"
                    : "'" + text.substring(pin.start(), pin.end()) + "'";
            throw new EditException(where(pin) + ": expected '" + pin.version() + "' at characters "
                    + pin.start() + ".." + pin.end() + " but found " + found + " (the file changed since extraction?)");
        }
        if (previous != null && pin.start() < previous.end()) {
            throw new EditException(where(pin) + ": its span overlaps " + previous.location() + " (" + previous.name() + ")");
        }
        ScalarQuoting.problem(text, pin, r.newVersion()).ifPresent(why -> {
            throw new EditException(where(pin) + ": cannot write '" + r.newVersion() + "' in place: " + why);
        });
    }

    static String where(Pin pin) {
        return pin.file() + ": " + pin.location() + " (" + pin.name() + ")";
    }
}
