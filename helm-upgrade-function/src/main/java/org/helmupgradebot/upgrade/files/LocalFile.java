package org.helmupgradebot.upgrade.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads one local file as strict UTF-8 text, within a size bound: only a regular file is opened (a link to
 * {@code /dev/zero}, a fifo or a folder is refused before any read, so nothing blocks or fills memory), its
 * size is checked from its metadata first, and the read itself stops one byte past the bound in case the
 * file grows meanwhile. Every refusal is one line naming the file.
 */
public final class LocalFile {

    private LocalFile() {}

    /**
     * The text of {@code file}.
     *
     * @param limit the largest size accepted, in bytes
     * @param kind what the file is, for messages ({@code file}, {@code config file})
     * @param links {@link LinkOption#NOFOLLOW_LINKS} to refuse a symbolic link as the last path element
     * @throws FileReadException when it is missing, not a regular file, too large, unreadable or not UTF-8
     */
    public static String readText(Path file, long limit, String kind, LinkOption... links) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, links);
        } catch (NoSuchFileException e) {
            throw new FileReadException(file + ": " + kind + " not found");
        } catch (IOException e) {
            throw new FileReadException(file + ": cannot read " + kind + ": " + e.getMessage());
        }
        if (!attributes.isRegularFile()) {
            throw new FileReadException(file + ": " + kind + " is not a regular file ("
                    + (attributes.isDirectory() ? "a folder" : attributes.isSymbolicLink() ? "a symbolic link"
                            : "a device, fifo or socket") + ")");
        }
        if (attributes.size() > limit) {
            throw tooLarge(file, kind, attributes.size() + " bytes", limit);
        }
        byte[] bytes;
        OpenOption[] options = links.length == 0 ? new OpenOption[] {StandardOpenOption.READ}
                : new OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};
        try (InputStream in = Files.newInputStream(file, options)) {
            bytes = in.readNBytes((int) limit + 1);
        } catch (IOException e) {
            throw new FileReadException(file + ": cannot read " + kind + ": " + e.getMessage());
        }
        if (bytes.length > limit) {
            throw tooLarge(file, kind, "more than " + limit + " bytes while read", limit);
        }
        return decode(file, kind, bytes);
    }

    private static FileReadException tooLarge(Path file, String kind, String size, long limit) {
        return new FileReadException(file + ": " + kind + " too large (" + size + ", limit " + limit + " bytes)");
    }

    /** Strict UTF-8 (a BOM stays in the text); a bad byte is reported with its offset. */
    private static String decode(Path file, String kind, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            String what = at < bytes.length ? String.format("byte 0x%02X at offset %d", bytes[at] & 0xff, at)
                    : "truncated at offset " + at;
            throw new FileReadException(file + ": " + kind + " is not UTF-8 (" + what + ")");
        }
        return out.flip().toString();
    }
}
