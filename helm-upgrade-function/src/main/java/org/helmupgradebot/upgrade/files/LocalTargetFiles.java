package org.helmupgradebot.upgrade.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The files of a target in a local folder. Text is decoded strictly as UTF-8 (a BOM stays in the
 * text), so writing the edited text back changes no byte outside the edits.
 */
public final class LocalTargetFiles implements TargetFiles {
    private final Path root;

    public LocalTargetFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String where() {
        return root.toString();
    }

    @Override
    public String read(String path) {
        Path file = resolve(path);
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new FileReadException(file + ": file not found");
        } catch (CharacterCodingException e) {
            throw new FileReadException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new FileReadException(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Writes every edited file, each through a temporary file and a rename so that no file is left
     * half-written.
     */
    public void writeAll(Map<String, String> edits) throws IOException {
        for (Map.Entry<String, String> e : edits.entrySet()) {
            Path file = resolve(e.getKey());
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

    private Path resolve(String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw new FileReadException(path + ": outside the target folder " + root);
        }
        return file;
    }
}
