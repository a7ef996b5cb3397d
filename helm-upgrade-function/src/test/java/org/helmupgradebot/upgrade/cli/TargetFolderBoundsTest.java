package org.helmupgradebot.upgrade.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, end to end: a careless or hostile checkout run through the real command line in a JVM with a
 * 64 MB heap. Nothing outside a {@code dir:} target is read or written through a link, nothing that is not a
 * regular file is opened, no file is read before its size is checked; each refusal is one line naming the
 * file, without a stack trace, and the run's other targets are still planned and written.
 */
class TargetFolderBoundsTest {

    @TempDir
    Path dir;

    private Path mirror;

    private record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** Runs the command line in its own JVM with a small heap, as {@code bin/helm-upgrade} would. */
    private Result cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                HelmUpgradeCli.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("the command line did not finish in 120 s (blocked on a read?): " + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String chart(String version) {
        return """
                apiVersion: v2
                name: app
                version: 0.1.0
                dependencies:
                  - name: jupyterhub
                    version: "%s"  # keep me
                    repository: https://jupyterhub.github.io/helm-chart/
                """.formatted(version);
    }

    @BeforeEach
    void index() throws IOException {
        mirror = dir.resolve("mirror");
        Files.createDirectories(mirror);
        Files.writeString(mirror.resolve("index.yaml"), """
                apiVersion: v1
                entries:
                  jupyterhub:
                  - created: "2024-03-01T00:00:00Z"
                    name: jupyterhub
                    version: 3.3.7
                generated: "2024-05-01T00:00:00Z"
                """);
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static void assertNoStackTrace(Result r) {
        assertFalse(r.all().contains("Exception") || r.all().contains("\tat ") || r.all().contains("Error:"),
                "no stack trace or JVM error:\n" + r.all());
    }

    private static long linesContaining(Result r, String text) {
        return r.all().lines().filter(l -> l.contains(text)).count();
    }

    @Test
    void aRealRunNeverReadsOrWritesOutsideItsTargetsAndStillWritesTheGoodOne() throws Exception {
        // Outside the targets: a chart the links point at, which must keep its bytes.
        Path outside = write("outside/sub/Chart.yaml", chart("3.0.0"));
        byte[] outsideBytes = Files.readAllBytes(outside);
        // Target "linkdir": a folder link leaving the target. Target "linkfile": a file link leaving it.
        Files.createDirectories(dir.resolve("base"));
        Files.createSymbolicLink(dir.resolve("base/linkdir"), Path.of("../outside/sub"));
        Files.createDirectories(dir.resolve("filelink"));
        Path fileLink = dir.resolve("filelink/Chart.yaml");
        Files.createSymbolicLink(fileLink, Path.of("../outside/sub/Chart.yaml"));
        // Target "zero": a chart that is a link to /dev/zero; "big": a 100 MB values file (sparse).
        Files.createDirectories(dir.resolve("zero"));
        Files.createSymbolicLink(dir.resolve("zero/Chart.yaml"), Path.of("/dev/zero"));
        Files.createDirectories(dir.resolve("big"));
        try (RandomAccessFile big = new RandomAccessFile(dir.resolve("big/values.yaml").toFile(), "rw")) {
            big.setLength(100L * 1024 * 1024);
        }
        // Target "folder": a chart path that is a folder. Target "inside": a link to a file inside, followed.
        Files.createDirectories(dir.resolve("folder/Chart.yaml"));
        Path insideReal = write("inside/real/Chart.yaml", chart("3.0.0"));
        Files.createSymbolicLink(dir.resolve("inside/Chart.yaml"), Path.of("real/Chart.yaml"));
        // Target "good": a plain chart, planned and written whatever the others do.
        Path good = write("good/Chart.yaml", chart("3.0.0"));
        Path config = write("bot.yaml", """
                mirrors:
                  https://jupyterhub.github.io/helm-chart/: mirror
                targets:
                  - {name: linkdir, dir: base, charts: [linkdir/Chart.yaml]}
                  - {name: linkfile, dir: filelink, charts: [Chart.yaml]}
                  - {name: zero, dir: zero, charts: [Chart.yaml]}
                  - {name: big, dir: big, images: [{file: values.yaml, paths: [a.image]}]}
                  - {name: folder, dir: folder, charts: [Chart.yaml]}
                  - {name: inside, dir: inside, charts: [Chart.yaml]}
                  - {name: good, dir: good, charts: [Chart.yaml]}
                """);

        Result r = cli("--config", config.toString());

        assertEquals(1, r.code(), r.all());
        assertNoStackTrace(r);
        Path realDir = dir.toRealPath();
        assertEquals(1, linesContaining(r, "error: " + realDir.resolve("base/linkdir/Chart.yaml") + ": resolves to "
                + realDir.resolve("outside/sub/Chart.yaml") + ", outside the target folder " + realDir.resolve("base")),
                r.out());
        assertEquals(1, linesContaining(r, "error: " + realDir.resolve("filelink/Chart.yaml") + ": resolves to "
                + realDir.resolve("outside/sub/Chart.yaml") + ", outside the target folder "), r.out());
        assertEquals(1, linesContaining(r, "error: " + realDir.resolve("zero/Chart.yaml") + ": resolves to /dev/zero,"
                + " outside the target folder"), r.out());
        assertEquals(1, linesContaining(r, "error: " + realDir.resolve("big/values.yaml")
                + ": file too large (104857600 bytes, limit 3145728 bytes)"), r.out());
        assertEquals(1, linesContaining(r, "error: " + realDir.resolve("folder/Chart.yaml")
                + ": file is not a regular file (a folder)"), r.out());

        assertArrayEquals(outsideBytes, Files.readAllBytes(outside), "the file outside is unchanged");
        assertTrue(Files.isSymbolicLink(fileLink), "the link is still a link");
        assertEquals(chart("3.3.7"), Files.readString(good), "the good target was written");
        assertEquals(chart("3.3.7"), Files.readString(insideReal), "a link inside the target is written through");
        assertTrue(Files.isSymbolicLink(dir.resolve("inside/Chart.yaml")), "and stays a link");
        assertTrue(r.out().contains("good: wrote Chart.yaml"), r.out());
    }

    @Test
    void aFifoInATargetIsRefusedWithoutBlocking() throws Exception {
        Files.createDirectories(dir.resolve("pipe"));
        Path fifo = dir.resolve("pipe/Chart.yaml");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(30, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo not available: test skipped");
        Path good = write("good/Chart.yaml", chart("3.0.0"));
        Path config = write("bot.yaml", """
                mirrors:
                  https://jupyterhub.github.io/helm-chart/: mirror
                targets:
                  - {name: pipe, dir: pipe, charts: [Chart.yaml]}
                  - {name: good, dir: good, charts: [Chart.yaml]}
                """);
        Result r = cli("--config", config.toString());
        assertEquals(1, r.code(), r.all());
        assertNoStackTrace(r);
        assertEquals(1, linesContaining(r, "error: " + fifo.toRealPath()
                + ": file is not a regular file (a device, fifo or socket)"), r.out());
        assertEquals(chart("3.3.7"), Files.readString(good));
    }

    @Test
    void configFromDevZeroIsRefusedBeforeAnyRead() throws Exception {
        Result r = cli("--config", "/dev/zero", "--dry-run");
        assertEquals(2, r.code(), r.all());
        assertNoStackTrace(r);
        assertEquals("/dev/zero: config file is not a regular file (a device, fifo or socket)", r.err().strip());
    }

    @Test
    void aConfigFileThatIsNotUtf8SaysWhereNotInputLength() throws Exception {
        Path config = dir.resolve("bot.yaml");
        Files.write(config, "targets:\n  - name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Result r = cli("--config", config.toString(), "--dry-run");
        assertEquals(2, r.code(), r.all());
        assertNoStackTrace(r);
        assertEquals(config + ": config file is not UTF-8 (byte 0xE9 at offset 22)", r.err().strip());
    }

    @Test
    void aHugeConfigFileIsRefusedFromItsSize() throws Exception {
        Path config = dir.resolve("bot.yaml");
        try (RandomAccessFile big = new RandomAccessFile(config.toFile(), "rw")) {
            big.setLength(100L * 1024 * 1024);
        }
        Result r = cli("--config", config.toString(), "--dry-run");
        assertEquals(2, r.code(), r.all());
        assertNoStackTrace(r);
        assertEquals(config + ": config file too large (104857600 bytes, limit 1048576 bytes)", r.err().strip());
    }

    @Test
    void chartAndValuesFilesNamedOnTheCommandLineHaveTheSameBounds() throws Exception {
        Path link = dir.resolve("Chart.yaml");
        Files.createSymbolicLink(link, Path.of("/dev/zero"));
        Result zero = cli("--chart-file", link.toString(), "--dry-run");
        assertEquals(1, zero.code(), zero.all());
        assertNoStackTrace(zero);
        assertEquals(1, linesContaining(zero, "error: /dev/zero: file is not a regular file (a device, fifo or socket)"),
                zero.out());

        Path values = dir.resolve("values.yaml");
        try (RandomAccessFile big = new RandomAccessFile(values.toFile(), "rw")) {
            big.setLength(100L * 1024 * 1024);
        }
        Result huge = cli("--values-file", values.toString(), "--image-path", "a.image", "--dry-run");
        assertEquals(1, huge.code(), huge.all());
        assertNoStackTrace(huge);
        assertEquals(1, linesContaining(huge, "error: " + values.toRealPath()
                + ": file too large (104857600 bytes, limit 3145728 bytes)"), huge.out());
    }
}
