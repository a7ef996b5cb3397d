package org.helmupgradebot.upgrade.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a target in a local folder, which a run never leaves: each file is resolved against the
 * folder's real path (every symbolic link followed) and refused when its real path is outside it. Text is
 * decoded strictly as UTF-8 (a BOM stays in the text), so writing the edited text back changes no byte
 * outside the edits.
 *
 * <p>A symbolic link inside the folder to a file inside it is read through, and on write the real file is
 * replaced (through a temporary file and a rename in the real file's folder) while the link stays a link. A
 * link whose target leaves the folder is refused on read and on write, so a run neither reads a file
 * outside nor replaces a link with a regular file. A hard link to an outside file cannot be told apart;
 * the rename gives the folder its own new file and leaves the outside one unchanged. A checkout changed
 * while the run works on it (a folder swapped for a link between check and use) is not guarded against.
 */
public final class LocalTargetFiles implements TargetFiles {
    /** The largest file read: SnakeYAML in the extractors takes at most 3 M code points ({@code YamlTree}). */
    public static final long MAX_FILE_BYTES = 3L * 1024 * 1024;

    private final Path root;

    public LocalTargetFiles(Path root) {
        Path folder = root.toAbsolutePath().normalize();
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            real = folder; // a missing folder: every read says "file not found"
        }
        this.root = real;
    }

    @Override
    public String where() {
        return root.toString();
    }

    @Override
    public String read(String path) {
        return LocalFile.readText(inside(path), MAX_FILE_BYTES, "file", LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Writes every edited file, each through a temporary file and a rename so that no file is left
     * half-written. Every path is checked before the first write.
     */
    public void writeAll(Map<String, String> edits) throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : edits.entrySet()) {
            Path file = inside(e.getKey());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileReadException(file + ": not a regular file, not written");
            }
            files.put(file, e.getValue());
        }
        for (Map.Entry<Path, String> e : files.entrySet()) {
            Path file = e.getKey();
            Path tmp = Files.createTempFile(file.getParent(), ".helm-upgrade-", ".tmp");
            try {
                Files.write(tmp, e.getValue().getBytes(StandardCharsets.UTF_8));
                keepPermissions(file, tmp);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException ex) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void keepPermissions(Path from, Path to) throws IOException {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the platform's defaults apply.
        }
    }

    /** The real path of {@code path}; refused unless it is inside the folder's real path. */
    private Path inside(String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw new FileReadException(path + ": outside the target folder " + root);
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new FileReadException(file + ": file not found");
        } catch (IOException e) {
            throw new FileReadException(file + ": cannot read file: " + e.getMessage());
        }
        if (!real.startsWith(root)) {
            throw new FileReadException(file + ": resolves to " + real + ", outside the target folder " + root);
        }
        return real;
    }
}
