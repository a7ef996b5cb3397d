package org.helmupgradebot.upgrade.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Helm index with {@link HelmIndexScanner}'s fast path and falls back to {@link HelmIndexParser}
 * on the same bytes when the scanner gives up.
 *
 * <p>A stream cannot be rewound, so while the scanner reads it every byte is also recorded in a
 * {@link ReplayRecorder}: in memory up to a few MB (all of a typical index), then in a temporary file.
 * When the scanner gives up, the parser reads the recording followed by the rest of the stream.
 * Recording rather than re-fetching keeps the "fetch each index once" rule and the answer consistent;
 * spilling to disk rather than keeping a 50 MB index on the heap keeps peak memory bounded (the
 * scanner itself holds one line and the wanted charts). A file needs no recording: it is reopened.
 */
public final class HelmIndexReader {
    /** Bytes kept in memory before the recording moves to a temporary file. */
    static final int DEFAULT_MEMORY_LIMIT = 4 << 20;

    private final HelmIndexScanner scanner = new HelmIndexScanner();
    private final HelmIndexParser parser = new HelmIndexParser();
    private final int memoryLimit;
    private final Path tempDir;

    public HelmIndexReader() {
        this(DEFAULT_MEMORY_LIMIT, null);
    }

    /** For tests: a small memory limit and a known folder for the spill file (null: the default). */
    HelmIndexReader(int memoryLimit, Path tempDir) {
        this.memoryLimit = memoryLimit;
        this.tempDir = tempDir;
    }

    /**
     * Reads an index from a stream.
     *
     * @param in the index bytes (not closed here)
     * @param location URL or path, for messages
     * @param wanted chart names to keep
     * @throws SourceException when the text is not YAML, not a Helm index, ends early or cannot be read
     */
    public HelmIndex read(InputStream in, String location, Set<String> wanted) {
        try (ReplayRecorder recorder = new ReplayRecorder(in, memoryLimit, tempDir)) {
            Optional<HelmIndex> fast = scanner.scan(recorder, location, wanted);
            if (fast.isPresent()) {
                return fast.get();
            }
            return parser.parse(recorder.replay(), location, wanted);
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(location, e);
        }
    }

    /**
     * Reads an index file, opening it a second time when the fast path gives up.
     *
     * @throws SourceException as {@link #read(InputStream, String, Set)}, or when the file cannot be opened
     */
    public HelmIndex read(Path file, Set<String> wanted) {
        String location = file.toString();
        try {
            try (InputStream in = Files.newInputStream(file)) {
                Optional<HelmIndex> fast = scanner.scan(in, location, wanted);
                if (fast.isPresent()) {
                    return fast.get();
                }
            }
            try (InputStream in = Files.newInputStream(file)) {
                return parser.parse(in, location, wanted);
            }
        } catch (IOException e) {
            throw unreadable(location, e);
        }
    }

    private static SourceException unreadable(String location, Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new SourceException(location + ": not a readable Helm index: " + m.replaceAll("\\s+", " ").trim(), e);
    }
}
