package org.helmupgradebot.upgrade.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.settings.SettingsException;
import org.junit.jupiter.api.Test;

/** The upgrade's one settings reader, as the Function and the command line call it. */
class UpgradeSettingsTest {

    @Test
    void configReposAreNamedAndTheRulesStayInThem() {
        UpgradeSettings s = UpgradeSettings.read(Map.of("CONFIG_REPO", "example-org/hub-deploy, example-org/staging-deploy"));

        assertEquals(new ConfigSource.Repositories(List.of("example-org/hub-deploy", "example-org/staging-deploy")), s.config());
        assertTrue(s.needsGitHub());
        assertEquals(new GitHubSettings("https://api.github.com", Optional.empty(), "github-token"), s.github());
    }

    @Test
    void upgradeConfigOverridesTheConfigRepositories() {
        UpgradeSettings s = UpgradeSettings.read(Map.of("CONFIG_REPO", "example-org/hub-deploy", "UPGRADE_CONFIG", """
                targets:
                  - name: local
                    dir: .
                    charts: [Chart.yaml]
                """));

        ConfigSource.Given given = (ConfigSource.Given) s.config();
        assertEquals("local", given.config().targets().get(0).name());
        assertFalse(s.needsGitHub(), "a local folder needs no GitHub sign-in");
    }

    @Test
    void everyProblemAtOnceOneLineEach() {
        SettingsException e = assertThrows(SettingsException.class, () -> UpgradeSettings.read(Map.of(
                "CONFIG_REPO", "example-org/hub-deploy,not a repo",
                "GITHUB_API_URL", "ftp://github.example.org",
                "GITHUB_APP_ID", "my-app",
                "GITHUB_APP_KEY_SECRET_NAME", "key_with_underscores")));

        assertEquals(List.of(
                "setting CONFIG_REPO: 'not a repo' is not owner/name",
                "setting GITHUB_APP_ID: 'my-app' is not a GitHub App id (digits)",
                "setting GITHUB_APP_KEY_SECRET_NAME: 'key_with_underscores' is not a secret name (letters, digits and dashes)",
                "setting GITHUB_API_URL: 'ftp://github.example.org' is not an https:// URL, e.g. https://api.github.com"),
                e.problems());
    }

    @Test
    void withoutAConfigTheSettingIsNamed() {
        assertEquals(List.of("setting CONFIG_REPO: missing (owner/name of the config repository, comma-separated for "
                + "several; or set UPGRADE_CONFIG)"), UpgradeSettings.problems(Map.of()));
    }

    @Test
    void aBadUpgradeConfigIsReportedByLineWithTheOtherSettings() {
        List<String> problems = UpgradeSettings.problems(Map.of("GITHUB_APP_ID", "x",
                "UPGRADE_CONFIG", "targets:\n  - name: hub\n    repo: not-a-repo\n    charts: [Chart.yaml]\n"));

        assertEquals(List.of("setting GITHUB_APP_ID: 'x' is not a GitHub App id (digits)",
                "UPGRADE_CONFIG:3:11: targets[0].repo: 'not-a-repo' is not owner/name"), problems);
    }

    @Test
    void theCommandLinesConfigReplacesTheSettingsOnes() {
        UpgradeSettings s = UpgradeSettings.read(Map.of("UPGRADE_CONFIG", "not: [valid"),
                Optional.of(new ConfigSource.Repositories(List.of("example-org/hub-deploy"))));

        assertEquals(new ConfigSource.Repositories(List.of("example-org/hub-deploy")), s.config());
    }
}
