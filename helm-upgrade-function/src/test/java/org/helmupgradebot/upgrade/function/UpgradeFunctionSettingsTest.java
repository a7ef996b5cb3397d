package org.helmupgradebot.upgrade.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.settings.SettingsException;
import org.helmupgradebot.upgrade.config.Target;
import org.junit.jupiter.api.Test;

/** The one-target settings form and the GitHub sign-in settings, read without running anything. */
class UpgradeFunctionSettingsTest {
    @Test
    void theOneTargetFormBuildsATargetOnTheConfigRepo() {
        UpgradeFunctionSettings s = UpgradeFunctionSettings.read(Map.of(
                "CONFIG_REPO", "example-org/hub-deploy",
                "CONFIG_BRANCH", "prod",
                "UPGRADE_CHART_FILES", "mybinder/Chart.yaml, other/requirements.yaml",
                "UPGRADE_VALUES_FILE", "mybinder/values.yaml",
                "UPGRADE_IMAGE_PATHS", "binderhub.config.BinderHub.build_image,a.b.image",
                "UPGRADE_LABELS", "dependencies",
                "UPGRADE_REVIEWERS", "alice,bob"));

        Target t = s.config().targets().get(0);
        assertEquals("hub-deploy", t.name());
        assertEquals(Optional.of("example-org/hub-deploy"), t.repo());
        assertEquals(Optional.of("prod"), t.branch());
        assertEquals(List.of("mybinder/Chart.yaml", "other/requirements.yaml"), t.chartFiles());
        assertEquals(List.of(new Target.ImageFile("mybinder/values.yaml",
                List.of("binderhub.config.BinderHub.build_image", "a.b.image"))), t.imageFiles());
        assertEquals(List.of("dependencies"), t.labels());
        assertEquals(List.of("alice", "bob"), t.reviewers());
        assertEquals("https://api.github.com", s.githubEndpoint());
        assertEquals(new GitHubCredentialSettings(Optional.empty(), "github-token"), s.github());
        assertTrue(s.needsGitHub());
    }

    @Test
    void missingOneTargetSettingsAreAllReported() {
        SettingsException e = assertThrows(SettingsException.class, () -> UpgradeFunctionSettings.read(Map.of(
                "UPGRADE_VALUES_FILE", "values.yaml", "GITHUB_APP_ID", "my-app", "GITHUB_APP_KEY_SECRET_NAME", "bad_name")));

        assertEquals(List.of(
                "setting CONFIG_REPO: missing (owner/name of the config repository; or set UPGRADE_CONFIG)",
                "setting UPGRADE_IMAGE_PATHS: missing (dotted YAML paths of the images in UPGRADE_VALUES_FILE)",
                "setting GITHUB_APP_ID: 'my-app' is not a GitHub App id (digits)",
                "setting GITHUB_APP_KEY_SECRET_NAME: 'bad_name' is not a secret name (letters, digits and dashes)"),
                e.problems());
    }

    @Test
    void localFolderTargetsNeedNoGitHub(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        UpgradeFunctionSettings s = UpgradeFunctionSettings.read(Map.of("UPGRADE_CONFIG",
                "targets:\n  - name: local\n    dir: " + dir + "\n    charts: [Chart.yaml]\n",
                "GITHUB_TOKEN_SECRET_NAME", "hub-token"));

        assertEquals(false, s.needsGitHub());
        assertEquals("hub-token", s.github().secretName());
    }
}
