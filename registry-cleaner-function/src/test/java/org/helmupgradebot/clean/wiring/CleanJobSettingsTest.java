package org.helmupgradebot.clean.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.helmupgradebot.shared.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helmupgradebot.shared.settings.SettingsReader;
import org.helmupgradebot.shared.testing.BicepAppSettings;
import org.junit.jupiter.api.Test;

/** The cleaner's app settings, read without running anything. */
class CleanJobSettingsTest {
    @Test
    void aLoginServerMeansHttpsAcrWithDefaultsThatFitTheHostTimeout() {
        CleanJobSettings s = CleanJobSettings.read(Map.of("REGISTRY_LOGIN_SERVER", "hubregistry.azurecr.io"), true);

        assertEquals(URI.create("https://hubregistry.azurecr.io"), s.registry());
        assertEquals(BackendFactory.Kind.ACR, s.kind());
        assertEquals(true, s.settings().dryRun());
        assertEquals(Duration.ofMinutes(25), s.settings().timeBudget());
        assertEquals(1000, s.settings().maxDeletions());
        assertEquals(8, s.settings().concurrency());
        assertEquals(OptionalInt.empty(), s.settings().policy().maxAgeDays());
        assertEquals(Optional.empty(), s.username());
    }

    @Test
    void thePolicySettingsReachThePolicy() {
        CleanJobSettings s = CleanJobSettings.read(Map.of("REGISTRY_LOGIN_SERVER", "https://hubregistry.azurecr.io/",
                "CLEAN_MAX_AGE_DAYS", "90", "CLEAN_KEEP", "3", "CLEAN_KEEP_TAGS", "latest  ^v[0-9]+$",
                "CLEAN_UNTAGGED_ONLY", "yes", "CLEAN_SIZE_CAP", "500GiB", "CLEAN_MAX_DELETIONS", "50",
                "CLEAN_TIME_BUDGET_MINUTES", "10"), false);

        assertEquals(URI.create("https://hubregistry.azurecr.io"), s.registry());
        assertEquals(OptionalInt.of(90), s.settings().policy().maxAgeDays());
        assertEquals(3, s.settings().policy().keepNewest());
        assertEquals(List.of("latest", "^v[0-9]+$"), s.settings().policy().keepTags().stream().map(Object::toString).toList());
        assertEquals(true, s.settings().policy().untaggedOnly());
        assertEquals(OptionalLong.of(500L * 1024 * 1024 * 1024), s.settings().policy().sizeCapBytes());
        assertEquals(50, s.settings().maxDeletions());
        assertEquals(Duration.ofMinutes(10), s.settings().timeBudget());
        assertEquals(false, s.settings().dryRun());
    }

    @Test
    void aMissingOrBadLoginServerIsNamed() {
        assertEquals(List.of("setting REGISTRY_LOGIN_SERVER: missing (the registry's login server, e.g. myreg.azurecr.io)"),
                assertThrows(SettingsException.class, () -> CleanJobSettings.read(Map.of(), false)).problems());
        assertEquals(List.of("setting REGISTRY_LOGIN_SERVER: 'myreg.azurecr.io/team' has a path: give the login server"
                        + " only and choose repositories with CLEAN_REPOSITORIES (and CLEAN_EXCLUDE_REPOSITORIES)"),
                assertThrows(SettingsException.class, () -> CleanJobSettings.read(
                        Map.of("REGISTRY_LOGIN_SERVER", "myreg.azurecr.io/team"), false)).problems());
        assertEquals(List.of("setting REGISTRY_LOGIN_SERVER: ACR needs https, got 'http://127.0.0.1:5000'"),
                assertThrows(SettingsException.class, () -> CleanJobSettings.read(
                        Map.of("REGISTRY_LOGIN_SERVER", "http://127.0.0.1:5000", "CLEAN_BACKEND", "acr"), false)).problems());
    }

    @Test
    void aLoopbackHttpUrlIsAPlainOciRegistry() {
        CleanJobSettings s = CleanJobSettings.read(Map.of("REGISTRY_LOGIN_SERVER", "http://127.0.0.1:5000",
                "REGISTRY_USERNAME", "cleaner"), true);

        assertEquals(BackendFactory.Kind.OCI, s.kind());
        assertEquals(Optional.of("cleaner"), s.username());
        assertEquals("registry-password", s.passwordSecret());
    }

    @Test
    void theRepositoryScopeSettingsReachTheRun() {
        CleanJobSettings s = CleanJobSettings.read(Map.of("REGISTRY_LOGIN_SERVER", "hubregistry.azurecr.io",
                "CLEAN_REPOSITORIES", " binder-prod/r2d-.*  binder-staging/.* ", "CLEAN_EXCLUDE_REPOSITORIES", ".*/keep-.*"),
                true);

        var scope = s.settings().scope();
        assertEquals(List.of("binder-prod/r2d-.*", "binder-staging/.*"), scope.include().stream().map(Object::toString).toList());
        assertEquals(List.of(".*/keep-.*"), scope.exclude().stream().map(Object::toString).toList());
        assertEquals(true, scope.includes("binder-prod/r2d-abc"));
        assertEquals(false, scope.includes("binder-prod/keep-this"));
        assertEquals(false, scope.includes("someone-else/app"));
        assertEquals(true, CleanJobSettings.read(Map.of("REGISTRY_LOGIN_SERVER", "hubregistry.azurecr.io"), true)
                .settings().scope().isEverything());
        assertEquals(List.of("setting CLEAN_REPOSITORIES: '([' is not a valid regex: unclosed character class"),
                assertThrows(SettingsException.class, () -> CleanJobSettings.read(Map.of("REGISTRY_LOGIN_SERVER",
                        "hubregistry.azurecr.io", "CLEAN_REPOSITORIES", "(["), true)).problems());
    }

    @Test
    void theCommandLinesFlagsGoThroughTheSameReaderAndAreNamedAsFlags() {
        SettingsException e = assertThrows(SettingsException.class, () -> CleanJobSettings.read(new SettingsReader(
                Map.of("REGISTRY_LOGIN_SERVER", "ftp://x", "CLEAN_CONCURRENCY", "64", "CLEAN_KEEP_TAGS", "release-.* (",
                        "CLEAN_SIZE_CAP", "huge"),
                Map.of("REGISTRY_LOGIN_SERVER", "--registry", "CLEAN_CONCURRENCY", "--concurrency",
                        "CLEAN_KEEP_TAGS", "--keep-tag", "CLEAN_SIZE_CAP", "--size-cap")), true));

        assertEquals(4, e.problems().size(), e.problems().toString());
        assertEquals("--registry: 'ftp://x' is not a login server like myreg.azurecr.io (or http(s)://host:port)",
                e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("--keep-tag: '(' is not a valid regex"), e.problems().get(1));
        assertTrue(e.problems().get(2).startsWith("--size-cap: "), e.problems().get(2));
        assertEquals("--concurrency: '64' is not a whole number from 1 to 32", e.problems().get(3));
    }

    @Test
    void theTimeBudgetDefaultStopsDeletingBeforeTheHostStopsTheInvocation() throws Exception {
        Path hostJson = BicepAppSettings.infra().getParent().resolve("host.json");
        Matcher m = Pattern.compile("\"functionTimeout\"\\s*:\\s*\"(\\d+):(\\d+):(\\d+)\"").matcher(Files.readString(hostJson));
        assertTrue(m.find(), "host.json sets functionTimeout");
        Duration timeout = Duration.ofHours(Long.parseLong(m.group(1))).plusMinutes(Long.parseLong(m.group(2)));
        Duration budget = CleanJobSettings.read(Map.of("REGISTRY_LOGIN_SERVER", "hubregistry.azurecr.io"), true)
                .settings().timeBudget();

        assertEquals(Duration.ofMinutes(CleanJobSettings.DEFAULT_TIME_BUDGET_MINUTES), budget);
        assertTrue(budget.plusMinutes(5).compareTo(timeout) <= 0,
                "at least 5 minutes for deletions in flight and the report: budget " + budget + ", timeout " + timeout);
    }
}
