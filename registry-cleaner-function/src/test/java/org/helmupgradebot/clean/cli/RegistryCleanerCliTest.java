package org.helmupgradebot.clean.cli;

import static org.helmupgradebot.clean.testing.Images.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.testing.InMemoryBackend;
import org.helmupgradebot.clean.wiring.BackendFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line surface: flags, exit codes, one-line errors. */
class RegistryCleanerCliTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final InMemoryBackend backend = new InMemoryBackend(List.of(
            image("r", "old").ageDays(400).blob("a", 1000).build(),
            image("r", "new").ageDays(2).tags("v1").blob("b", 10).build()));
    final AtomicReference<BackendFactory.Kind> chosen = new AtomicReference<>();

    int run(String... args) {
        RegistryCleanerCli cli = new RegistryCleanerCli((URI uri, BackendFactory.Kind kind) -> {
            chosen.set(kind);
            return (RegistryBackend) backend;
        });
        CommandLine line = new CommandLine(cli);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return RegistryCleanerCli.run(cli, line, args);
    }

    @Test
    void dryRunPrintsJsonAndDeletesNothing() throws Exception {
        int code = run("--registry", "https://myreg.azurecr.io", "--dry-run", "--max-age-days", "90", "--output", "json");

        assertEquals(0, code, err.toString());
        assertEquals(BackendFactory.Kind.ACR, chosen.get());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(1, json.get("delete").size());
        assertTrue(backend.deleteCalls().isEmpty());
    }

    @Test
    void realRunDeletesAndWritesTheReportFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.md");

        int code = run("--registry", "http://127.0.0.1:5000", "--max-age-days", "90", "--keep-tag", "v.*",
                "--size-cap", "1GiB", "--output", "markdown", "--report", file.toString(), "--concurrency", "2");

        assertEquals(0, code, err.toString());
        assertEquals(BackendFactory.Kind.OCI, chosen.get());
        assertEquals(1, backend.deleted().size());
        assertEquals(out.toString(), Files.readString(file));
        assertTrue(out.toString().contains("| deleted | 1 |"), out.toString());
    }

    @Test
    void badUsageIsExitTwoWithOneLine() {
        assertEquals(2, run("--registry", "https://x.azurecr.io", "--size-cap", "huge"));
        assertEquals("registry-cleaner: --size-cap: size 'huge' is not like 2TB, 500GiB or 123456", err.toString().strip());
        assertEquals(2, run("--registry", "ftp://x"));
        assertEquals(2, run("--registry", "https://x.azurecr.io", "--concurrency", "64"));
        assertEquals(2, run("--registry", "https://x.azurecr.io", "--keep-tag", "("));
        assertEquals(2, run("--registry", "https://x.azurecr.io", "--output", "xml"));
        assertEquals(2, run("--registry", "https://x.azurecr.io", "--backend", "gcr"));
        assertEquals(2, run("--dry-run"));
        assertEquals(2, run("--registry", "https://x.azurecr.io", "--max-age-days", "ten"));
        assertTrue(backend.deleteCalls().isEmpty());
    }

    @Test
    void unreachableOciRegistryIsOneLineAndExitOne() {
        StringWriter e = new StringWriter();
        RegistryCleanerCli cli = new RegistryCleanerCli();
        CommandLine line = new CommandLine(cli);
        line.setErr(new PrintWriter(e, true));

        int code = RegistryCleanerCli.run(cli, line, "--registry", "http://127.0.0.1:1", "--dry-run");

        assertEquals(1, code);
        assertTrue(e.toString().contains("oci http://127.0.0.1:1") && e.toString().contains("cannot connect"),
                e.toString());
        assertEquals(1, e.toString().strip().lines().count());
    }

    @Test
    void backendDefaultFollowsTheHost() {
        assertEquals(BackendFactory.Kind.ACR, BackendFactory.kindFor(URI.create("https://binder.azurecr.io")));
        assertEquals(BackendFactory.Kind.OCI, BackendFactory.kindFor(URI.create("https://ghcr.io")));
        assertEquals(BackendFactory.Kind.OCI, BackendFactory.kindFor(URI.create("http://binder.azurecr.io.evil")));
    }

    @Test
    void aRegistryUrlWithAPathIsAnErrorNamingTheScopeFlags() {
        assertEquals(2, run("--registry", "http://127.0.0.1:5000/binder-prod/r2d-", "--dry-run", "--max-age-days", "1"));

        assertEquals("registry-cleaner: --registry: 'http://127.0.0.1:5000/binder-prod/r2d-' has a path: give the"
                + " login server only and choose repositories with --repository (and --exclude-repository)",
                err.toString().strip());
        assertTrue(chosen.get() == null, "no backend was built");
    }

    @Test
    void repositoryFlagsScopeThePlanAndBadRegexesAreUsageErrors() throws Exception {
        InMemoryBackend three = new InMemoryBackend(List.of(
                image("binder-prod/r2d-a", "a").ageDays(400).blob("a", 10).build(),
                image("binder-prod/r2d-keep", "k").ageDays(400).blob("k", 10).build(),
                image("other/app", "o").ageDays(400).blob("o", 10).build()));
        RegistryCleanerCli cli = new RegistryCleanerCli((uri, kind) -> three);
        CommandLine line = new CommandLine(cli);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));

        int code = RegistryCleanerCli.run(cli, line, "--registry", "http://127.0.0.1:5000", "--dry-run", "--max-age-days",
                "30", "--repository", "binder-prod/r2d-.*", "--exclude-repository", ".*-keep", "--output", "json");

        assertEquals(0, code, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(1, json.get("totals").get("images").asInt(), "out-of-scope images are not even inventoried");
        assertEquals("binder-prod/r2d-a", json.get("delete").get(0).get("repository").asText());
        assertEquals(2, run("--registry", "https://x.azurecr.io", "--repository", "(["));
        assertTrue(err.toString().contains("--repository: '([' is not a valid regex"), err.toString());
        assertEquals(2, run("--registry", "https://x.azurecr.io", "--exclude-repository", "*"));
        assertTrue(err.toString().contains("--exclude-repository: '*' is not a valid regex"), err.toString());
    }

    @Test
    void theReportFileIsWrittenInTheFormatItsExtensionNames(@TempDir Path dir) throws Exception {
        for (String ext : List.of("json", "csv", "md", "txt")) {
            out.getBuffer().setLength(0);
            Path file = dir.resolve("report." + ext);

            assertEquals(0, run("--registry", "http://127.0.0.1:5000", "--dry-run", "--max-age-days", "90", "--output",
                    "table", "--report", file.toString()), err.toString());

            String written = Files.readString(file);
            switch (ext) {
                case "json" -> assertEquals("dry-run", new ObjectMapper().readTree(written).get("mode").asText());
                case "csv" -> assertTrue(written.contains("\nrepository,tags,digest,ageDays,sizeBytes,action,freedBytes,reason\n"),
                        written);
                case "md" -> assertTrue(written.startsWith("## Registry clean"), written);
                default -> assertEquals(out.toString(), written, "txt is the table stdout shows");
            }
        }
        assertEquals(2, run("--registry", "http://127.0.0.1:5000", "--dry-run", "--report", dir.resolve("r.xml").toString()));
        assertTrue(err.toString().contains("must end in .json, .csv, .md or .txt"), err.toString());
        assertTrue(!Files.exists(dir.resolve("r.xml")));
    }

    @Test
    void aMarkdownReportFileGetsTheChartBesideItAndLinksIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("monthly.md");

        assertEquals(0, run("--registry", "http://127.0.0.1:5000", "--dry-run", "--max-age-days", "90", "--report",
                file.toString()), err.toString());

        Path chart = dir.resolve("monthly-bytes-by-age.png");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(chart.toFile());
        assertEquals(org.helmupgradebot.clean.report.AgeChart.WIDTH, image.getWidth());
        assertEquals(org.helmupgradebot.clean.report.AgeChart.HEIGHT, image.getHeight());
        assertTrue(Files.readString(file).contains("](monthly-bytes-by-age.png)"), Files.readString(file));
    }

    @Test
    void progressGoesToStderrAndARefusedPlanDoesNotSayDryRun() {
        int code = run("--registry", "http://127.0.0.1:5000", "--max-age-days", "90", "--max-deletions", "0");

        assertEquals(1, code);
        assertTrue(err.toString().contains("registry-cleaner: inventory: 1/1 repositories, 2 manifests,"), err.toString());
        assertTrue(out.toString().contains("refused by --max-deletions (nothing deleted)"), out.toString());
        assertTrue(!out.toString().contains("dry run"), out.toString());
        assertTrue(backend.deleteCalls().isEmpty());
    }

    @Test
    void withoutAnyRuleTheReportSaysNothingCanBeDeletedAndWhy() {
        assertEquals(0, run("--registry", "http://127.0.0.1:5000", "--dry-run"));

        assertTrue(out.toString().contains("note: nothing can be deleted: no rule is set (give --max-age-days or --size-cap"),
                out.toString());
    }

    @Test
    void everyBadFlagIsReportedAtOnceNamedByItsFlag() {
        assertEquals(2, run("--registry", "https://x.azurecr.io", "--concurrency", "64", "--keep-tag", "(",
                "--time-budget-minutes", "0"));

        List<String> lines = err.toString().strip().lines().toList();
        assertEquals(3, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("registry-cleaner: --keep-tag: '(' is not a valid regex"), lines.get(0));
        assertEquals("registry-cleaner: --concurrency: '64' is not a whole number from 1 to 32", lines.get(1));
        assertEquals("registry-cleaner: --time-budget-minutes: '0' is not a whole number from 1 to 1440", lines.get(2));
        assertTrue(chosen.get() == null, "no backend was built");
    }
}
