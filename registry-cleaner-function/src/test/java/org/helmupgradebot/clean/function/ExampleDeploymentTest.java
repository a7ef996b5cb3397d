package org.helmupgradebot.clean.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helmupgradebot.clean.wiring.CleanJobSettings;
import org.helmupgradebot.shared.settings.HostSettings;
import org.helmupgradebot.shared.settings.SettingsException;
import org.helmupgradebot.shared.testing.BicepAppSettings;
import org.junit.jupiter.api.Test;

/**
 * Deploys the example on paper: the app settings infra/main.bicep gives the cleaner app with
 * infra/main.example.bicepparam go through the checks the Function runs first (host and job settings
 * together) and none is missing or invalid.
 */
class ExampleDeploymentTest {

    @Test
    void theExampleCleanerAppHasNoSettingsProblem() {
        Path infra = BicepAppSettings.infra();
        Map<String, String> settings = BicepAppSettings.of(infra, "cleanerApp", infra.resolve("main.example.bicepparam"));

        List<String> problems = new ArrayList<>();
        try {
            HostSettings host = HostSettings.read(settings, RegistryCleanerFunction.DRY_RUN);
            assertEquals(true, host.dryRun(), "the first month only reports");
        } catch (SettingsException e) {
            problems.addAll(e.problems());
        }
        problems.addAll(CleanJobFactory.wired().settingsProblems(settings));

        assertEquals(List.of(), problems, settings.toString());
        CleanJobSettings job = CleanJobSettings.read(settings, true);
        assertEquals("https://hubregistry.azurecr.io", job.registry().toString());
        assertEquals("ACR", job.kind().name());
    }
}
