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
        // 3.0.0 is not in the index (no date); 3.3.7 was published at 2024-03-01T00:00+02:00.
        assertTrue(r.out().lines().anyMatch(l -> l.matches(
                "cli\\s+jupyterhub\\s+Chart.yaml\\s+3.0.0\\s+-\\s+3.3.7\\s+2024-02-29 \\(\\d+d\\)\\s+bump")), r.out());
        assertTrue(r.out().startsWith("TARGET  NAME        FILE        CURRENT  PUBLISHED  NEWEST  PUBLISHED"), r.out());
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
        // Ages: 4.0.0-beta.0 is not in the index; 4.0.0-beta.1 was published 2024-05-01.
        assertTrue(pin.get("currentPublished").isNull());
        assertTrue(pin.get("currentAgeDays").isNull());
        assertEquals("2024-05-01T00:00:00Z", pin.get("newestPublished").asText());
        java.time.Instant at = java.time.Instant.parse(json.get("plannedAt").asText());
        assertEquals(java.time.Duration.between(java.time.Instant.parse("2024-05-01T00:00:00Z"), at).toDays(),
                pin.get("newestAgeDays").asLong());
        assertEquals(false, pin.get("major").asBoolean());
        assertEquals("cli", pin.get("pullRequestGroup").asText());
        assertTrue(pin.get("waitingUntil").isNull());
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
        assertEquals(2, run("--image-path", "a.image").code(), "an image path needs a values file");
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

    /** {@code --version} used to print nothing; now the Maven project version, filtered into a resource at build. */
    @Test
    void versionPrintsTheProjectVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<parent>.*?<version>([^<]+)</version>",
                java.util.regex.Pattern.DOTALL).matcher(pom);
        assertTrue(m.find(), "this module's pom names its parent's version");
        Result r = run("--version");
        assertEquals(0, r.code(), r.err());
        assertEquals("helm-upgrade " + m.group(1), r.out().trim());
    }

    /** A mirror that is neither a URL nor a folder used to end in a ClassCastException stack trace. */
    @Test
    void aMirrorThatIsNeitherUrlNorFolderIsBadUsage() throws Exception {
        Path chart = chart("3.0.0");
        Result r = run("--chart-file", chart.toString(), "--mirror", "quay.io=ftp://mirror.example/", "--dry-run");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("helm-upgrade: --mirror quay.io=ftp://mirror.example/: 'ftp://mirror.example/'"
                + " is neither an http(s) URL nor a folder"), r.err());
        assertEquals("", r.out());
        Result missing = run("--chart-file", chart.toString(), "--mirror",
                "https://jupyterhub.github.io/helm-chart/=" + dir.resolve("no-such-folder"), "--dry-run");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("neither an http(s) URL nor an existing folder"), missing.err());

        Path config = dir.resolve("bot.yaml");
        Files.writeString(config, "targets:\n  - name: x\n    dir: app\n    charts: [Chart.yaml]\nmirrors:\n  quay.io: 127.0.0.1:5000\n");
        Result fromConfig = run("--config", config.toString(), "--dry-run");
        assertEquals(2, fromConfig.code());
        assertTrue(fromConfig.err().startsWith(config + ":6:12: mirrors.quay.io: '127.0.0.1:5000' is neither"), fromConfig.err());
    }

    /** A duplicate key used to be read as "the last one wins". */
    @Test
    void aDuplicateKeyInTheConfigIsBadConfig() throws Exception {
        chart("3.0.0");
        Path config = dir.resolve("bot.yaml");
        Files.writeString(config, "targets:\n  - name: x\n    dir: app\n    charts: [Chart.yaml]\n    dir: other\n");
        Result r = run("--config", config.toString(), "--dry-run");
        assertEquals(2, r.code());
        assertEquals(config + ":5:5: targets[0].dir: duplicate key (first at line 3)", r.err().trim());
    }

    /**
     * An image path that matches nothing used to disappear with exit 0; now it is a skipped pin with the reason.
     * Without --image-path every image in the values file is checked (tags from a loopback registry stand-in).
     */
    @Test
    void valuesFileImagesFoundOrSkippedWithAReason() throws Exception {
        Path values = dir.resolve("chart/values.yaml");
        Files.createDirectories(values.getParent());
        String text = "app:\n  image:\n    repository: quay.io/o/app\n    tag: 1.0.0\nsidecar: quay.io/o/side:2.0.0\n";
        Files.writeString(values, text);
        try (org.helmupgradebot.shared.testing.StaticHttpServer registry = new org.helmupgradebot.shared.testing.StaticHttpServer()) {
            registry.respond("/v2/o/app/tags/list", org.helmupgradebot.shared.testing.StaticHttpServer.Response.ok(
                    "{\"name\":\"o/app\",\"tags\":[\"1.0.0\",\"1.1.0\",\"latest\"]}".getBytes()));
            registry.respond("/v2/o/side/tags/list", org.helmupgradebot.shared.testing.StaticHttpServer.Response.ok(
                    "{\"name\":\"o/side\",\"tags\":[\"2.0.0\"]}".getBytes()));
            String mirror = "quay.io=" + registry.base().toString().replaceAll("/$", "");

            Result given = run("--values-file", values.toString(), "--image-path", "app.image",
                    "--image-path", "app.imgae", "--mirror", mirror, "--dry-run", "--output", "json");
            assertEquals(0, given.code(), given.err() + given.out());
            JsonNode pins = new ObjectMapper().readTree(given.out()).get("pins");
            assertEquals(2, pins.size(), given.out());
            assertEquals("app.imgae", pins.get(0).get("location").asText());
            assertEquals("skipped", pins.get(0).get("action").asText());
            assertEquals("path app.imgae is not in the file", pins.get(0).get("reason").asText());
            assertEquals("app.image.tag", pins.get(1).get("location").asText());
            assertEquals("1.1.0", pins.get(1).get("newest").asText());

            Result found = run("--values-file", values.toString(), "--mirror", mirror, "--dry-run", "--output", "json");
            assertEquals(0, found.code(), found.err() + found.out());
            JsonNode all = new ObjectMapper().readTree(found.out()).get("pins");
            assertEquals(2, all.size(), found.out());
            assertEquals("quay.io/o/app", all.get(0).get("name").asText());
            assertEquals("bump", all.get(0).get("action").asText());
            assertEquals("quay.io/o/side", all.get(1).get("name").asText());
            assertEquals("current", all.get(1).get("action").asText());

            // Registry tags carry no date: minimumReleaseAge cannot hold them back, and the report says so.
            Path config = dir.resolve("bot.yaml");
            Files.writeString(config, """
                    targets:
                      - name: x
                        dir: chart
                        images: [{file: values.yaml, exclude: [sidecar]}]
                        dependencies:
                          quay.io/o/app: {minimumReleaseAge: 3d}
                    """);
            Result aged = run("--config", config.toString(), "--mirror", mirror, "--dry-run", "--output", "json");
            assertEquals(0, aged.code(), aged.err() + aged.out());
            JsonNode agedPins = new ObjectMapper().readTree(aged.out()).get("pins");
            assertEquals(1, agedPins.size(), "sidecar is excluded: " + aged.out());
            assertEquals("1.1.0", agedPins.get(0).get("newest").asText());
            assertTrue(agedPins.get(0).get("reason").asText().endsWith("(no publication date: minimumReleaseAge cannot apply)"),
                    aged.out());

            Result edited = run("--values-file", values.toString(), "--mirror", mirror);
            assertEquals(0, edited.code(), edited.err() + edited.out());
            assertEquals(text.replace("tag: 1.0.0", "tag: 1.1.0"), Files.readString(values));
        }
    }
}
