package org.helmupgradebot.upgrade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's surface: options, output formats and exit codes, on small files of our own. */
class HelmUpgradeCliTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HelmUpgradeCli.run(args, Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private Path chart(String version) throws Exception {
        Path chart = dir.resolve("app/Chart.yaml");
        Files.createDirectories(chart.getParent());
        Files.writeString(chart, """
                apiVersion: v2
                name: app
                version: 0.1.0
                dependencies:
                  - name: jupyterhub
                    version: "%s"  # keep me
                    repository: https://jupyterhub.github.io/helm-chart/
                """.formatted(version));
        Path index = dir.resolve("mirror/index.yaml");
        Files.createDirectories(index.getParent());
        Files.writeString(index, """
                apiVersion: v1
                entries:
                  jupyterhub:
                  - created: "2024-05-01T00:00:00Z"
                    name: jupyterhub
                    version: 4.0.0-beta.1
                  - created: "2024-03-01T00:00:00+02:00"
                    name: jupyterhub
                    version: 3.3.7
                  - created: "2023-01-01T00:00:00Z"
                    name: jupyterhub
                    version: 2.0.0
                generated: "2024-05-01T00:00:00Z"
                """);
        return chart;
    }

    @Test
    void quickFormDryRunPrintsThePlanAndWritesNothing() throws Exception {
        Path chart = chart("3.0.0");
        String before = Files.readString(chart);
        Result r = run("--chart-file", chart.toString(), "--mirror",
                "https://jupyterhub.github.io/helm-chart=" + dir.resolve("mirror"), "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("cli\\s+jupyterhub\\s+Chart.yaml\\s+3.0.0\\s+3.3.7\\s+bump")), r.out());
        assertEquals(before, Files.readString(chart));
    }

    @Test
    void withoutDryRunTheFileIsEditedInPlaceKeepingTheComment() throws Exception {
        Path chart = chart("3.0.0");
        String before = Files.readString(chart);
        Result r = run("--chart-file", chart.toString(), "--mirror",
                "https://jupyterhub.github.io/helm-chart/=" + dir.resolve("mirror"));
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals(before.replace("\"3.0.0\"", "\"3.3.7\""), Files.readString(chart));
    }

    @Test
    void jsonOutputHasTheDocumentedShape() throws Exception {
        Path chart = chart("4.0.0-beta.0");
        Result r = run("--chart-file", chart.toString(), "--mirror",
                "https://jupyterhub.github.io/helm-chart=" + dir.resolve("mirror"), "--dry-run", "--output", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode pin = json.get("pins").get(0);
        assertEquals("jupyterhub", pin.get("name").asText());
        assertEquals("Chart.yaml", pin.get("file").asText());
        assertEquals("4.0.0-beta.0", pin.get("current").asText());
        assertEquals("4.0.0-beta.1", pin.get("newest").asText());
        assertEquals("bump", pin.get("action").asText());
        assertTrue(pin.hasNonNull("reason"));
        assertEquals(0, json.get("errors").size());
    }

    @Test
    void prereleaseStableOverridesTheStream() throws Exception {
        Path chart = chart("4.0.0-beta.0");
        Result r = run("--chart-file", chart.toString(), "--mirror",
                "https://jupyterhub.github.io/helm-chart=" + dir.resolve("mirror"), "--dry-run", "--output", "json",
                "--prerelease", "stable");
        assertEquals(0, r.code(), r.err());
        assertTrue(!r.out().contains("\"newest\" : \"4.0.0-beta.1\""), r.out());
    }

    @Test
    void badUsageExitsTwoWithOneLine() {
        Result none = run("--dry-run");
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("helm-upgrade: give --config FILE"), none.err());
        assertEquals(2, run("--config", "x.yaml", "--output", "xml").code());
        assertEquals(2, run("--values-file", "values.yaml").code());
        assertEquals(2, run("--no-such-option").code());
    }

    @Test
    void badConfigExitsTwoListingEveryProblem() throws Exception {
        Path config = dir.resolve("bot.yaml");
        Files.writeString(config, "targets:\n  - name: x\n    colour: red\n");
        Result r = run("--config", config.toString(), "--dry-run");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(config + ":3:5: targets[0].colour: unknown key"), r.err());
        assertTrue(r.err().contains("give exactly one of 'dir'"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingChartFileFailsTheTargetWithExitOne() {
        Result r = run("--chart-file", dir.resolve("nope/Chart.yaml").toString(), "--dry-run");
        assertEquals(1, r.code());
        assertTrue(r.out().contains("Chart.yaml: file not found"), r.out());
    }

    @Test
    void malformedChartFileNamesFileAndLine() throws Exception {
        Path chart = dir.resolve("Chart.yaml");
        Files.writeString(chart, "apiVersion: v2\ndependencies:\n  - name: [x\n");
        Result r = run("--chart-file", chart.toString(), "--dry-run");
        assertEquals(1, r.code());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("error: " + dir + "/Chart.yaml:")), r.out());
    }
}
