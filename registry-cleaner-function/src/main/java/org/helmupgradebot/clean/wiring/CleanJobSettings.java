package org.helmupgradebot.clean.wiring;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.helmupgradebot.clean.CleanSettings;
import org.helmupgradebot.clean.execute.DeletionExecutor;
import org.helmupgradebot.clean.inventory.RepositoryScope;
import org.helmupgradebot.clean.policy.CleanPolicy;
import org.helmupgradebot.clean.report.Sizes;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.Redaction;
import org.helmupgradebot.shared.settings.SettingsException;
import org.helmupgradebot.shared.settings.SettingsReader;

/**
 * The cleaner's settings, the one reader for the command line (its flags, named as settings) and the
 * Function (app settings): which registry (REGISTRY_LOGIN_SERVER, backend), the policy, the scope and the
 * limits (CLEAN_MAX_AGE_DAYS, CLEAN_KEEP, CLEAN_REPOSITORIES, ...), every problem reported at once.
 *
 * @param registry the registry's base URL: https://&lt;login server&gt;, or an explicit http(s):// URL
 * @param kind ACR (default for *.azurecr.io) or OCI
 * @param settings policy, dry run and limits for the run
 * @param username REGISTRY_USERNAME for basic sign-in on a plain OCI registry (the password is a secret)
 * @param passwordSecret the name of that password's secret (REGISTRY_PASSWORD_SECRET_NAME, default
 *        {@code registry-password}; from the environment: REGISTRY_PASSWORD)
 * @param http timeouts and retries of the registry's HTTP calls (HTTP_TIMEOUT_SECONDS)
 */
public record CleanJobSettings(URI registry, BackendFactory.Kind kind, CleanSettings settings,
        Optional<String> username, String passwordSecret, HttpOptions http) {
    public static final String LOGIN_SERVER = "REGISTRY_LOGIN_SERVER";
    public static final String BACKEND = "CLEAN_BACKEND";
    public static final String MAX_AGE_DAYS = "CLEAN_MAX_AGE_DAYS";
    public static final String KEEP = "CLEAN_KEEP";
    public static final String KEEP_TAGS = "CLEAN_KEEP_TAGS";
    /** Like --repository: whitespace-separated regexes, each matching whole repository names to include. */
    public static final String REPOSITORIES = "CLEAN_REPOSITORIES";
    /** Like --exclude-repository. */
    public static final String EXCLUDE_REPOSITORIES = "CLEAN_EXCLUDE_REPOSITORIES";
    public static final String UNTAGGED_ONLY = "CLEAN_UNTAGGED_ONLY";
    public static final String SIZE_CAP = "CLEAN_SIZE_CAP";
    public static final String MAX_DELETIONS = "CLEAN_MAX_DELETIONS";
    public static final String CONCURRENCY = "CLEAN_CONCURRENCY";
    public static final String TIME_BUDGET_MINUTES = "CLEAN_TIME_BUDGET_MINUTES";
    public static final String USERNAME = "REGISTRY_USERNAME";
    public static final String PASSWORD_SECRET_NAME = "REGISTRY_PASSWORD_SECRET_NAME";
    public static final String DEFAULT_PASSWORD_SECRET = "registry-password";
    /**
     * One default for both front ends. host.json's functionTimeout is 30 minutes: no deletion starts after
     * 25, which leaves time for the deletions in flight and the report before the host stops the
     * invocation; a command-line run that stops there loses nothing either (the next run recomputes the
     * plan and goes on), and --time-budget-minutes gives it more.
     */
    public static final int DEFAULT_TIME_BUDGET_MINUTES = 25;

    /**
     * Reads and validates the settings.
     *
     * @throws SettingsException listing every problem, one line each, naming its setting
     */
    public static CleanJobSettings read(Map<String, String> values, boolean dryRun) {
        return read(new SettingsReader(values), dryRun);
    }

    /** Every problem {@link #read(Map, boolean)} would report; empty when the settings are good. */
    public static List<String> problems(Map<String, String> values) {
        try {
            read(values, true);
            return List.of();
        } catch (SettingsException e) {
            return e.problems();
        }
    }

    /** As {@link #read(Map, boolean)}, with problems worded by {@code r} (the command line's name its flags). */
    public static CleanJobSettings read(SettingsReader r, boolean dryRun) {
        Optional<URI> registry = registry(r);
        Map<String, Optional<BackendFactory.Kind>> kinds = Map.of("acr", Optional.of(BackendFactory.Kind.ACR),
                "oci", Optional.of(BackendFactory.Kind.OCI));
        Optional<BackendFactory.Kind> chosen = r.choice(BACKEND, kinds, Optional.empty());
        OptionalInt maxAge = optionalInt(r, MAX_AGE_DAYS, 0, Integer.MAX_VALUE);
        int keep = optionalInt(r, KEEP, 0, Integer.MAX_VALUE).orElse(0);
        List<Pattern> keepTags = patterns(r, KEEP_TAGS);
        RepositoryScope scope = new RepositoryScope(patterns(r, REPOSITORIES), patterns(r, EXCLUDE_REPOSITORIES));
        boolean untaggedOnly = r.bool(UNTAGGED_ONLY, false);
        OptionalLong cap = OptionalLong.empty();
        Optional<String> capText = r.optional(SIZE_CAP);
        if (capText.isPresent()) {
            try {
                cap = OptionalLong.of(Sizes.parse(capText.get()));
            } catch (IllegalArgumentException e) {
                r.problem(SIZE_CAP, e.getMessage());
            }
        }
        int maxDeletions = optionalInt(r, MAX_DELETIONS, 0, Integer.MAX_VALUE).orElse(CleanSettings.DEFAULT_MAX_DELETIONS);
        int concurrency = optionalInt(r, CONCURRENCY, 1, DeletionExecutor.MAX_CONCURRENCY)
                .orElse(DeletionExecutor.DEFAULT_CONCURRENCY);
        int budget = optionalInt(r, TIME_BUDGET_MINUTES, 1, 24 * 60).orElse(DEFAULT_TIME_BUDGET_MINUTES);
        Optional<String> username = r.optional(USERNAME);
        HttpOptions http = HttpOptions.defaults();
        try {
            http = HttpOptions.fromSettings(r.values());
        } catch (IllegalArgumentException e) {
            r.problem(HttpOptions.TIMEOUT_SETTING, e.getMessage().replaceFirst("^" + HttpOptions.TIMEOUT_SETTING + ":? *", ""));
        }
        String passwordSecret = r.optional(PASSWORD_SECRET_NAME).orElse(DEFAULT_PASSWORD_SECRET);
        if (!passwordSecret.matches("[A-Za-z0-9-]{1,127}")) {
            r.problem(PASSWORD_SECRET_NAME, "'" + passwordSecret + "' is not a secret name (letters, digits and dashes)");
        }
        Optional<BackendFactory.Kind> kind = registry.map(uri -> chosen.orElseGet(() -> BackendFactory.kindFor(uri)));
        if (kind.equals(Optional.of(BackendFactory.Kind.ACR)) && !"https".equals(registry.get().getScheme())) {
            r.problem(LOGIN_SERVER, "ACR needs https, got '" + registry.get() + "'");
        }
        r.check();
        CleanPolicy policy = new CleanPolicy(maxAge, keepTags, keep, untaggedOnly, cap);
        return new CleanJobSettings(registry.orElseThrow(), kind.orElseThrow(),
                new CleanSettings(policy, dryRun, maxDeletions, concurrency, Duration.ofMinutes(budget), scope),
                username, passwordSecret, http);
    }

    /** {@code myreg.azurecr.io} means https; an explicit http:// URL is for a registry on loopback (tests). */
    private static Optional<URI> registry(SettingsReader r) {
        String text = r.required(LOGIN_SERVER, "the registry's login server, e.g. myreg.azurecr.io");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.matches("(?i)[a-z][a-z0-9+.-]*://[^/?#]*@.*")) {
            r.problem(LOGIN_SERVER, "must not carry user:password@ (" + Redaction.text(text) + "): set "
                    + USERNAME + " and REGISTRY_PASSWORD instead (with Key Vault: the secret " + PASSWORD_SECRET_NAME + " names)");
            return Optional.empty();
        }
        String url = text.contains("://") ? text : "https://" + text;
        try {
            URI uri = URI.create(url);
            boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (uri.getHost() != null && !pathless) {
                r.problem(LOGIN_SERVER, "'" + text + "' has a path: give the login server only and choose repositories"
                        + " with " + r.display(REPOSITORIES) + " (and " + r.display(EXCLUDE_REPOSITORIES) + ")");
                return Optional.empty();
            }
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null) {
                r.problem(LOGIN_SERVER, "'" + text + "' is not a login server like myreg.azurecr.io (or http(s)://host:port)");
                return Optional.empty();
            }
            return Optional.of(URI.create(uri.getScheme() + "://" + uri.getRawAuthority()));
        } catch (IllegalArgumentException e) {
            r.problem(LOGIN_SERVER, "'" + text + "' is not a login server like myreg.azurecr.io");
            return Optional.empty();
        }
    }

    private static OptionalInt optionalInt(SettingsReader r, String name, int min, int max) {
        Optional<String> v = r.optional(name);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= min && n <= max) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException notANumber) {
            // Reported below.
        }
        String range = max == Integer.MAX_VALUE ? "a whole number, at least " + min : "a whole number from " + min + " to " + max;
        r.problem(name, "'" + (v.get().length() > 40 ? v.get().substring(0, 37) + "..." : v.get()) + "' is not " + range);
        return OptionalInt.empty();
    }

    /** Regexes separated by whitespace; each must match a whole tag or name. */
    private static List<Pattern> patterns(SettingsReader r, String name) {
        List<Pattern> out = new ArrayList<>();
        for (String p : r.optional(name).map(v -> v.trim().split("\\s+")).orElse(new String[0])) {
            try {
                out.add(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                r.problem(name, "'" + p + "' is not a valid regex: " + e.getDescription().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
