package org.helmupgradebot.shared.secrets;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.helmupgradebot.shared.http.Redaction;

/** Removes secrets from text before it is logged or stored: the known values, then what {@link Redaction#text} masks. */
public final class Redactor {
    public static final String MASK = Redaction.MASK;
    // Values shorter than this would mask ordinary words; real tokens and keys are far longer.
    private static final int MIN_LENGTH = 6;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** Remembers a secret value so that {@link #redact} removes it from any text. */
    public void add(String value) {
        if (value != null && value.strip().length() >= MIN_LENGTH) {
            known.add(value.strip());
        }
    }

    /** The text with every known secret, and whatever {@link Redaction#text} finds, masked. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        // Longest first, so a secret that contains another is masked whole.
        for (String v : known.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            out = out.replace(v, MASK);
        }
        return Redaction.text(out);
    }
}
