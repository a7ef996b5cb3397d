package org.helmupgradebot.shared.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads settings (environment variables or Function App settings) and collects every problem, so
 * that one {@link #check()} reports all missing or bad settings at once, one line each.
 */
public final class SettingsReader {
    private final Map<String, String> values;
    private final Map<String, String> flags;
    private final List<String> problems = new ArrayList<>();

    public SettingsReader(Map<String, String> values) {
        this(values, Map.of());
    }

    /**
     * @param flags the command-line flag each setting came from (e.g. CLEAN_CONCURRENCY from
     *        {@code --concurrency}): problems and {@link #display(String)} name the flag instead
     */
    public SettingsReader(Map<String, String> values, Map<String, String> flags) {
        this.values = Map.copyOf(values);
        this.flags = Map.copyOf(flags);
    }

    /** How messages name a setting: its flag when it came from one, else its own name. */
    public String display(String name) {
        return flags.getOrDefault(name, name);
    }

    /** The raw settings. */
    public Map<String, String> values() {
        return values;
    }

    /** A setting's trimmed value; empty when absent or blank. */
    public Optional<String> optional(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** A setting that must be present; records a problem (and returns "") when it is not. */
    public String required(String name, String what) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            problem(name, "missing (" + what + ")");
            return "";
        }
        return v.get();
    }

    /** A true/false setting (also yes/no, 1/0); the default when absent. */
    public boolean bool(String name, boolean defaultValue) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> { return true; }
            case "false", "no", "0" -> { return false; }
            default -> {
                problem(name, "'" + shorten(v.get()) + "' is not true or false");
                return defaultValue;
            }
        }
    }

    /** An optional absolute https:// URL. */
    public Optional<URI> optionalHttpsUrl(String name) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(v.get());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                problem(name, "'" + shorten(v.get()) + "' is not an https:// URL");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problem(name, "'" + shorten(v.get()) + "' is not a URL");
            return Optional.empty();
        }
    }

    /** One of a fixed set of words (case-insensitive); the default when absent. */
    public <E> E choice(String name, Map<String, E> allowed, E defaultValue) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        E e = allowed.get(v.get().toLowerCase(Locale.ROOT));
        if (e == null) {
            problem(name, "'" + shorten(v.get()) + "' is not one of "
                    + String.join(", ", allowed.keySet().stream().sorted().toList()));
            return defaultValue;
        }
        return e;
    }

    /** Records a problem with a setting. */
    public void problem(String name, String message) {
        problems.add((flags.containsKey(name) ? flags.get(name) : "setting " + name) + ": " + message);
    }

    /** The problems recorded so far. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws a {@link SettingsException} listing every problem, if there is any. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
    }

    // Values are echoed so the operator sees the typo; long ones are cut (they are never secrets we read).
    private static String shorten(String v) {
        // A URL's query may hold a SAS signature: never echo it.
        String oneLine = v.replaceAll("[\\r\\n]+", " ").replaceAll("\\?.*", "?...");
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }
}
