package org.helmupgradebot.upgrade.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helmupgradebot.shared.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Extraction on every real chart file in the fixtures, checked against a plain line scan of the same file. */
class ChartDependenciesFixturesTest {

    private static final Pattern ITEM_NAME = Pattern.compile("^\\s*- name: (\\S+)\\s*$");
    private static final Pattern VERSION = Pattern.compile("^\\s+version: \"?([^\"\\s]+)\"?\\s*$");
    private static final Pattern REPOSITORY = Pattern.compile("^\\s+repository: \"?([^\"\\s]+)\"?\\s*$");

    /** name, version and repository of each "- name:" item, as a line scan sees them. */
    record Scanned(String name, String version, String repository) {}

    static List<Scanned> scan(String text) {
        List<Scanned> found = new ArrayList<>();
        String name = null;
        String version = null;
        String repository = null;
        for (String line : text.split("\n", -1)) {
            Matcher m;
            if ((m = ITEM_NAME.matcher(line)).matches()) {
                if (name != null) {
                    found.add(new Scanned(name, version, repository));
                }
                name = m.group(1);
                version = null;
                repository = null;
            } else if (name != null && (m = VERSION.matcher(line)).matches()) {
                version = m.group(1);
            } else if (name != null && (m = REPOSITORY.matcher(line)).matches()) {
                repository = m.group(1);
            }
        }
        if (name != null) {
            found.add(new Scanned(name, version, repository));
        }
        return found;
    }

    static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "config-repos/mybinder.org-deploy/HEAD/mybinder/Chart.yaml",
            "config-repos/mybinder.org-deploy/2021-01-09_c7709e92/mybinder/requirements.yaml",
            "config-repos/2i2c-infrastructure/HEAD/helm-charts/basehub/Chart.yaml",
            "config-repos/2i2c-infrastructure/HEAD/helm-charts/daskhub/Chart.yaml",
            "config-repos/2i2c-infrastructure/HEAD/helm-charts/support/Chart.yaml",
            "config-repos/2i2c-infrastructure/bump-7720a64d/before/helm-charts/binderhub/Chart.yaml",
            "config-repos/2i2c-infrastructure/bump-7720a64d/after/helm-charts/binderhub/Chart.yaml",
    })
    void everyDependencyIsFoundAndNoneInvented(String relative) throws IOException {
        String text = read(Fixtures.path(relative));
        List<Scanned> expected = scan(text);
        assertTrue(expected.size() >= 1, "the line scan found nothing in " + relative);
        List<Pin> pins = ChartDependencies.extract(relative, text);
        assertEquals(expected, pins.stream().map(p -> new Scanned(p.name(), p.version(), p.repository())).toList());
        for (Pin p : pins) {
            assertEquals(p.version(), text.substring(p.start(), p.end()), p.location());
            assertEquals(relative, p.file());
            assertEquals(Pin.Kind.CHART, p.kind());
        }
    }

    @Test
    void theV1ChartYamlHasNoDependenciesItself() throws IOException {
        String relative = "config-repos/mybinder.org-deploy/2021-01-09_c7709e92/mybinder/Chart.yaml";
        assertEquals(List.of(), ChartDependencies.extract(relative, read(Fixtures.path(relative))));
    }

    @Test
    void mybinderHeadHasItsTenDependencies() throws IOException {
        String relative = "config-repos/mybinder.org-deploy/HEAD/mybinder/Chart.yaml";
        List<Pin> pins = ChartDependencies.extract(relative, read(Fixtures.path(relative)));
        assertEquals(10, pins.size());
        Pin binderhub = pins.get(0);
        assertEquals("binderhub", binderhub.name());
        assertEquals("1.0.0-0.dev.git.3983.h383374de", binderhub.version());
        Pin traefik = pins.get(1);
        assertEquals("oci://ghcr.io/traefik/helm", traefik.repository());
        assertTrue(pins.stream().allMatch(Pin::checkable));
    }

    @Test
    void daskhubsLocalBasehubIsSkipped() throws IOException {
        String relative = "config-repos/2i2c-infrastructure/HEAD/helm-charts/daskhub/Chart.yaml";
        List<Pin> pins = ChartDependencies.extract(relative, read(Fixtures.path(relative)));
        assertEquals(1, pins.size());
        assertEquals("basehub", pins.get(0).name());
        assertTrue(pins.get(0).skipReason().orElseThrow().contains("file://../basehub"));
    }
}
