package org.helmupgradebot.clean.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.helmupgradebot.clean.cli.BackendFactory;
import org.helmupgradebot.shared.settings.SettingsException;
import org.junit.jupiter.api.Test;

/** The cleaner's app settings, read without running anything. */
class CleanFunctionSettingsTest {
    @Test
    void aLoginServerMeansHttpsAcrWithDefaultsThatFitTheHostTimeout() {
        CleanFunctionSettings s = CleanFunctionSettings.read(Map.of("REGISTRY_LOGIN_SERVER", "hubregistry.azurecr.io"), true);

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
        CleanFunctionSettings s = CleanFunctionSettings.read(Map.of("REGISTRY_LOGIN_SERVER", "https://hubregistry.azurecr.io/",
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
                assertThrows(SettingsException.class, () -> CleanFunctionSettings.read(Map.of(), false)).problems());
        assertEquals(List.of("setting REGISTRY_LOGIN_SERVER: 'myreg.azurecr.io/team' has a path: give the login server"
                        + " only and choose repositories with CLEAN_REPOSITORIES (and CLEAN_EXCLUDE_REPOSITORIES)"),
                assertThrows(SettingsException.class, () -> CleanFunctionSettings.read(
                        Map.of("REGISTRY_LOGIN_SERVER", "myreg.azurecr.io/team"), false)).problems());
        assertEquals(List.of("setting REGISTRY_LOGIN_SERVER: ACR needs https, got 'http://127.0.0.1:5000'"),
                assertThrows(SettingsException.class, () -> CleanFunctionSettings.read(
                        Map.of("REGISTRY_LOGIN_SERVER", "http://127.0.0.1:5000", "CLEAN_BACKEND", "acr"), false)).problems());
    }

    @Test
    void aLoopbackHttpUrlIsAPlainOciRegistry() {
        CleanFunctionSettings s = CleanFunctionSettings.read(Map.of("REGISTRY_LOGIN_SERVER", "http://127.0.0.1:5000",
                "REGISTRY_USERNAME", "cleaner"), true);

        assertEquals(BackendFactory.Kind.OCI, s.kind());
        assertEquals(Optional.of("cleaner"), s.username());
        assertEquals("registry-password", CleanFunctionSettings.passwordSecretName(Map.of()));
    }

    @Test
    void theRepositoryScopeSettingsReachTheRun() {
        CleanFunctionSettings s = CleanFunctionSettings.read(Map.of("REGISTRY_LOGIN_SERVER", "hubregistry.azurecr.io",
                "CLEAN_REPOSITORIES", " binder-prod/r2d-.*  binder-staging/.* ", "CLEAN_EXCLUDE_REPOSITORIES", ".*/keep-.*"),
                true);

        var scope = s.settings().scope();
        assertEquals(List.of("binder-prod/r2d-.*", "binder-staging/.*"), scope.include().stream().map(Object::toString).toList());
        assertEquals(List.of(".*/keep-.*"), scope.exclude().stream().map(Object::toString).toList());
        assertEquals(true, scope.includes("binder-prod/r2d-abc"));
        assertEquals(false, scope.includes("binder-prod/keep-this"));
        assertEquals(false, scope.includes("someone-else/app"));
        assertEquals(true, CleanFunctionSettings.read(Map.of("REGISTRY_LOGIN_SERVER", "hubregistry.azurecr.io"), true)
                .settings().scope().isEverything());
        assertEquals(List.of("setting CLEAN_REPOSITORIES: '([' is not a valid regex: unclosed character class"),
                assertThrows(SettingsException.class, () -> CleanFunctionSettings.read(Map.of("REGISTRY_LOGIN_SERVER",
                        "hubregistry.azurecr.io", "CLEAN_REPOSITORIES", "(["), true)).problems());
    }
}
