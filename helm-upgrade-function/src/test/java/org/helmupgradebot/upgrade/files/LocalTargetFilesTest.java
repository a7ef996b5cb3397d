package org.helmupgradebot.upgrade.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local folder of a target and its bounds, in process (TargetFolderBoundsTest runs them end to end). */
class LocalTargetFilesTest {
    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static String message(Runnable r) {
        return assertThrows(FileReadException.class, r::run).getMessage();
    }

    @Test
    void writtenPathsLeavingTheFolderAreRefused() throws IOException {
        Files.createDirectories(dir.resolve("t"));
        LocalTargetFiles files = new LocalTargetFiles(dir.resolve("t"));
        Path root = dir.toRealPath().resolve("t");
        assertEquals("../x.yaml: outside the target folder " + root, message(() -> files.read("../x.yaml")));
        assertEquals("/etc/passwd: outside the target folder " + root, message(() -> files.read("/etc/passwd")));
        assertEquals(root.resolve("nope.yaml") + ": file not found", message(() -> files.read("nope.yaml")));
    }

    @Test
    void aLinkIsFollowedOnlyWhileItStaysInside() throws IOException {
        write("t/real/a.yaml", "a: 1\n");
        write("outside.yaml", "secret: 1\n");
        Files.createSymbolicLink(dir.resolve("t/in.yaml"), Path.of("real/a.yaml"));
        Files.createSymbolicLink(dir.resolve("t/out.yaml"), Path.of("../outside.yaml"));
        Files.createSymbolicLink(dir.resolve("t/loop.yaml"), Path.of("loop.yaml"));
        LocalTargetFiles files = new LocalTargetFiles(dir.resolve("t"));
        Path root = dir.toRealPath().resolve("t");
        assertEquals("a: 1\n", files.read("in.yaml"));
        assertEquals(root.resolve("out.yaml") + ": resolves to " + dir.toRealPath().resolve("outside.yaml")
                + ", outside the target folder " + root, message(() -> files.read("out.yaml")));
        assertTrue(message(() -> files.read("loop.yaml")).startsWith(root.resolve("loop.yaml") + ": cannot read file"));
    }

    @Test
    void theTargetFolderItselfMayBeALink() throws IOException {
        write("checkout/Chart.yaml", "a: 1\n");
        Files.createSymbolicLink(dir.resolve("t"), Path.of("checkout"));
        LocalTargetFiles files = new LocalTargetFiles(dir.resolve("t"));
        assertEquals("a: 1\n", files.read("Chart.yaml"));
        assertEquals(dir.toRealPath().resolve("checkout").toString(), files.where());
    }

    @Test
    void writesGoToTheRealFileAndALinkStaysALink() throws IOException {
        Path real = write("t/real/a.yaml", "a: 1\n");
        Path link = dir.resolve("t/a.yaml");
        Files.createSymbolicLink(link, Path.of("real/a.yaml"));
        new LocalTargetFiles(dir.resolve("t")).writeAll(Map.of("a.yaml", "a: 2\n"));
        assertEquals("a: 2\n", Files.readString(real));
        assertTrue(Files.isSymbolicLink(link));
        try (var listing = Files.list(dir.resolve("t/real"))) {
            assertEquals(1, listing.count(), "no temporary file left behind");
        }
    }

    @Test
    void aWriteThroughAnOutsideLinkIsRefusedBeforeAnyFileIsWritten() throws IOException {
        Path first = write("t/first.yaml", "a: 1\n");
        Path outside = write("outside.yaml", "secret: 1\n");
        Path link = dir.resolve("t/out.yaml");
        Files.createSymbolicLink(link, Path.of("../outside.yaml"));
        Map<String, String> edits = new LinkedHashMap<>();
        edits.put("first.yaml", "a: 2\n");
        edits.put("out.yaml", "secret: 2\n");
        LocalTargetFiles files = new LocalTargetFiles(dir.resolve("t"));
        assertTrue(message(() -> {
            try {
                files.writeAll(edits);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).contains(", outside the target folder "));
        assertEquals("a: 1\n", Files.readString(first), "nothing half-done");
        assertEquals("secret: 1\n", Files.readString(outside));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void textIsStrictUtf8WithTheOffsetOfTheFirstBadByte() throws IOException {
        Files.createDirectories(dir.resolve("t"));
        Files.write(dir.resolve("t/latin1.yaml"), "a: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(dir.resolve("t/cut.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE2, (byte) 0x82});
        Files.write(dir.resolve("t/bom.yaml"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\n'});
        LocalTargetFiles files = new LocalTargetFiles(dir.resolve("t"));
        Path root = dir.toRealPath().resolve("t");
        assertEquals(root.resolve("latin1.yaml") + ": file is not UTF-8 (byte 0xE9 at offset 6)",
                message(() -> files.read("latin1.yaml")));
        assertEquals(root.resolve("cut.yaml") + ": file is not UTF-8 (byte 0xE2 at offset 3)",
                message(() -> files.read("cut.yaml")));
        assertEquals("\uFEFFa\n", files.read("bom.yaml"), "a BOM stays in the text");
    }

    @Test
    void theSizeBoundIsExact() throws IOException {
        Files.createDirectories(dir.resolve("t"));
        Path file = dir.resolve("t/limit.yaml");
        byte[] bytes = new byte[(int) LocalTargetFiles.MAX_FILE_BYTES];
        java.util.Arrays.fill(bytes, (byte) 'a');
        Files.write(file, bytes);
        LocalTargetFiles files = new LocalTargetFiles(dir.resolve("t"));
        assertEquals(bytes.length, files.read("limit.yaml").length());
        Files.write(file, new byte[] {'a'}, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(file.toRealPath() + ": file too large (3145729 bytes, limit 3145728 bytes)",
                message(() -> files.read("limit.yaml")));
    }
}
