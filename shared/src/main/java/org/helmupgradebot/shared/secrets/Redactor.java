package org.helmupgradebot.shared.secrets;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Removes secrets from text before it is logged or stored: known values, and token-shaped strings. */
public final class Redactor {
    public static final String MASK = "***";
    // Values shorter than this would mask ordinary words; real tokens and keys are far longer.
    private static final int MIN_LENGTH = 6;
    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)(authorization\\s*[:=]\\s*)(?:(bearer|token|basic)\\s+)?[^\\s,;\"']+");
    private static final Pattern GITHUB_TOKEN =
            Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", Pattern.DOTALL);

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** Remembers a secret value so that {@link #redact} removes it from any text. */
    public void add(String value) {
        if (value != null && value.strip().length() >= MIN_LENGTH) {
            known.add(value.strip());
        }
    }

    /** The text with every known secret, Authorization header value, GitHub token and private key masked. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        // Longest first, so a secret that contains another is masked whole.
        for (String v : known.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            out = out.replace(v, MASK);
        }
        out = PRIVATE_KEY.matcher(out).replaceAll(MASK);
        out = GITHUB_TOKEN.matcher(out).replaceAll(MASK);
        out = AUTHORIZATION.matcher(out).replaceAll(m ->
                java.util.regex.Matcher.quoteReplacement(m.group(1) + (m.group(2) == null ? "" : m.group(2) + " ") + MASK));
        return out;
    }
}
