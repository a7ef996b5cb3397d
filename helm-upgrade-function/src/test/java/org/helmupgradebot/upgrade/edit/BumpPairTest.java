package org.helmupgradebot.upgrade.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.helmupgradebot.shared.testing.Fixtures;
import org.helmupgradebot.upgrade.manager.ChartDependencies;
import org.helmupgradebot.upgrade.manager.Pin;
import org.junit.jupiter.api.Test;

/** The real upgrade-bot commit 7720a64d on 2i2c-org/infrastructure, reproduced byte for byte. */
class BumpPairTest {

    private static final String BEFORE = "config-repos/2i2c-infrastructure/bump-7720a64d/before/helm-charts/binderhub/Chart.yaml";
    private static final String AFTER = "config-repos/2i2c-infrastructure/bump-7720a64d/after/helm-charts/binderhub/Chart.yaml";

    @Test
    void bumpingBinderhubGivesTheRealCommitsFile() throws IOException {
        byte[] beforeBytes = Files.readAllBytes(Fixtures.path(BEFORE));
        byte[] afterBytes = Files.readAllBytes(Fixtures.path(AFTER));
        String before = new String(beforeBytes, StandardCharsets.UTF_8);
        String file = "helm-charts/binderhub/Chart.yaml";

        List<Pin> pins = ChartDependencies.extract(file, before);
        assertEquals(List.of("binderhub", "dask-gateway"), pins.stream().map(Pin::name).toList());
        Pin binderhub = pins.get(0);
        assertEquals("1.0.0-0.dev.git.3361.h6ba80cf", binderhub.version());

        List<Replacement> plan = List.of(new Replacement(binderhub, "1.0.0-0.dev.git.3373.h41b9d77"));
        String after = VersionEditor.apply(before, plan);

        assertArrayEquals(afterBytes, after.getBytes(StandardCharsets.UTF_8));
        EditVerifier.verify(before, after, plan, ChartDependencies::extract);
    }
}
