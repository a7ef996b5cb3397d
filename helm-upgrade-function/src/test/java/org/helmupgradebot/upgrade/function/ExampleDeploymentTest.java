package org.helmupgradebot.upgrade.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helmupgradebot.shared.settings.HostSettings;
import org.helmupgradebot.shared.settings.SettingsException;
import org.helmupgradebot.shared.testing.BicepAppSettings;
import org.junit.jupiter.api.Test;

/**
 * Deploys the example on paper: the app settings infra/main.bicep gives the upgrade app with
 * infra/main.example.bicepparam go through the checks the Function runs first (host and job settings
 * together) and none is missing or invalid.
 */
class ExampleDeploymentTest {

    static Map<String, String> exampleSettings() {
        return BicepAppSettings.of(InfraBicepTest.INFRA, "upgradeApp", InfraBicepTest.INFRA.resolve("main.example.bicepparam"));
    }

    @Test
    void theExampleUpgradeAppHasNoSettingsProblem() {
        Map<String, String> settings = exampleSettings();

        List<String> problems = new ArrayList<>();
        try {
            HostSettings host = HostSettings.read(settings, HelmUpgradeFunction.DRY_RUN);
            assertEquals("managed-identity", host.credential().kind().word());
            assertEquals("https://hub-bot-kv.vault.azure.net/", host.keyVaultUrl().orElseThrow().toString());
        } catch (SettingsException e) {
            problems.addAll(e.problems());
        }
        problems.addAll(UpgradeJobFactory.wired().settingsProblems(settings));

        assertEquals(List.of(), problems, settings.toString());
        assertEquals("example-org/hub-deploy", settings.get("CONFIG_REPO"));
        assertEquals("0 0 3 * * *", settings.get("UPGRADE_SCHEDULE"));
    }
}
