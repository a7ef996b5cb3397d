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
        assertEquals("registry-cleaner: size 'huge' is not like 2TB, 500GiB or 123456", err.toString().strip());
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
}
