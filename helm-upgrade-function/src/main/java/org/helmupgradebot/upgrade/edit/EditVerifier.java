package org.helmupgradebot.upgrade.edit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.helmupgradebot.upgrade.manager.Pin;
import org.helmupgradebot.upgrade.manager.PinExtractor;

/** Checks an edited text against its plan: only the planned pins changed, to the planned versions, and nothing else. */
public final class EditVerifier {

    private EditVerifier() {}

    /**
     * Verifies an edit.
     *
     * @param before the text the plan was made on
     * @param after the edited text
     * @param plan the replacements that were applied
     * @param extractor the extraction that found the pins (run again on both texts)
     * @throws EditException naming the file and what differs
     */
    public static void verify(String before, String after, List<Replacement> plan, PinExtractor extractor) {
        if (plan.isEmpty()) {
            if (!before.equals(after)) {
                throw new EditException("the text changed although no edit was planned");
            }
            return;
        }
        String file = plan.get(0).pin().file();
        List<Replacement> sorted = new ArrayList<>(plan);
        sorted.sort(Comparator.comparingInt(r -> r.pin().start()));
        checkOutsideSpans(file, before, after, sorted);

        List<Pin> old = extractor.extract(file, before);
        List<Pin> now = extractor.extract(file, after);
        if (old.size() != now.size()) {
            throw new EditException(file + ": found " + now.size() + " pins after the edit, " + old.size() + " before");
        }
        for (Replacement r : sorted) {
            if (!old.contains(r.pin())) {
                throw new EditException(VersionEditor.where(r.pin()) + ": the planned pin is not in the text before the edit");
            }
        }
        for (int i = 0; i < old.size(); i++) {
            Pin o = old.get(i);
            Pin n = now.get(i);
            if (o.kind() != n.kind() || !o.name().equals(n.name()) || !o.location().equals(n.location())
                    || !o.repository().equals(n.repository())) {
                throw new EditException(VersionEditor.where(o) + ": became " + n.location() + " (" + n.name()
                        + ") after the edit");
            }
            Optional<Replacement> planned = sorted.stream().filter(r -> r.pin().equals(o)).findFirst();
            String expected = planned.map(Replacement::newVersion).orElse(o.version());
            int expectedStart = shifted(o.start(), sorted);
            if (!n.version().equals(expected) || n.start() != expectedStart
                    || n.end() != expectedStart + expected.length()) {
                throw new EditException(VersionEditor.where(o) + ": expected '" + expected + "' at character "
                        + expectedStart + " after the edit, found '" + n.version() + "' at " + n.start());
            }
            if (!Objects.equals(o.skipReason(), n.skipReason())) {
                throw new EditException(VersionEditor.where(o) + ": skip reason changed to "
                        + n.skipReason().orElse("none"));
            }
        }
    }

    /** Where a character of the old text sits in the new one. */
    private static int shifted(int index, List<Replacement> sorted) {
        int delta = 0;
        for (Replacement r : sorted) {
            if (r.pin().start() < index) {
                delta += r.newVersion().length() - (r.pin().end() - r.pin().start());
            }
        }
        return index + delta;
    }

    private static void checkOutsideSpans(String file, String before, String after, List<Replacement> sorted) {
        int b = 0;
        int a = 0;
        for (Replacement r : sorted) {
            int len = r.pin().start() - b;
            if (len < 0 || !after.regionMatches(a, before, b, len)) {
                throw new EditException(file + ": text outside the planned spans changed before character "
                        + r.pin().start());
            }
            a += len;
            if (!after.startsWith(r.newVersion(), a)) {
                throw new EditException(VersionEditor.where(r.pin()) + ": '" + r.newVersion()
                        + "' is not where it was planned (character " + a + ")");
            }
            a += r.newVersion().length();
            b = r.pin().end();
        }
        if (after.length() - a != before.length() - b || !after.regionMatches(a, before, b, before.length() - b)) {
            throw new EditException(file + ": text outside the planned spans changed after character " + b);
        }
    }
}
