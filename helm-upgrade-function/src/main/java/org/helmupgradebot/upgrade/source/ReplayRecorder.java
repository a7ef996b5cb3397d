package org.helmupgradebot.upgrade.source;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stream that records what is read through it (in memory up to a limit, then in a temporary file
 * deleted on close) so that the same bytes can be read again from the start.
 */
final class ReplayRecorder extends InputStream implements Closeable {
    private final InputStream in;
    private final int memoryLimit;
    private final Path tempDir;
    private final List<byte[]> chunks = new ArrayList<>();
    private int inMemory;
    private Path spill;
    private OutputStream spillOut;
    private InputStream spillIn;

    ReplayRecorder(InputStream in, int memoryLimit, Path tempDir) {
        this.in = in;
        this.memoryLimit = memoryLimit;
        this.tempDir = tempDir;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            record(b, off, n);
        }
        return n;
    }

    private void record(byte[] b, int off, int n) throws IOException {
        if (spillOut == null && inMemory + n <= memoryLimit) {
            chunks.add(java.util.Arrays.copyOfRange(b, off, off + n));
            inMemory += n;
            return;
        }
        if (spillOut == null) {
            spill = tempDir == null ? Files.createTempFile("helm-index-", ".yaml")
                    : Files.createTempFile(tempDir, "helm-index-", ".yaml");
            spill.toFile().deleteOnExit(); // also gone when the JVM is stopped (SIGTERM) mid-read
            spillOut = Files.newOutputStream(spill);
        }
        spillOut.write(b, off, n);
    }

    /** Everything read so far, then the unread rest of the underlying stream. */
    InputStream replay() throws IOException {
        List<InputStream> parts = new ArrayList<>();
        for (byte[] c : chunks) {
            parts.add(new ByteArrayInputStream(c));
        }
        if (spillOut != null) {
            spillOut.close();
            spillIn = Files.newInputStream(spill);
            parts.add(spillIn);
        }
        parts.add(in);
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** Deletes the temporary file, if any; the underlying stream is left open for its owner. */
    @Override
    public void close() throws IOException {
        try {
            if (spillOut != null) {
                spillOut.close();
            }
            // Closing the replay sequence would close the caller's stream too: close only the spill reader.
            if (spillIn != null) {
                spillIn.close();
            }
        } finally {
            if (spill != null) {
                Files.deleteIfExists(spill);
            }
        }
    }
}
