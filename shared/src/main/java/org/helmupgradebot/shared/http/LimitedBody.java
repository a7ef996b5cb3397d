package org.helmupgradebot.shared.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * A response body held to its request's deadline and byte cap. A breach is remembered, so that whatever a
 * reader makes of the exception, the client reports the breach itself in one line.
 */
final class LimitedBody extends FilterInputStream {
    /** Why a body was cut off. */
    static final class Breach extends IOException {
        final HttpFailure.Kind kind;

        Breach(HttpFailure.Kind kind, String detail) {
            super(detail);
            this.kind = kind;
        }
    }

    private final long deadlineNanos;
    private final long cap;
    private final String deadlineText;
    private long count;
    private volatile Breach breach;

    LimitedBody(InputStream in, long deadlineNanos, String deadlineText, long cap) {
        super(in);
        this.deadlineNanos = deadlineNanos;
        this.deadlineText = deadlineText;
        this.cap = cap;
    }

    /** The breach that cut this body off, or null. */
    Breach breach() {
        return breach;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkDeadline();
        int n;
        try {
            // Ask for one byte past the cap at most, so a body of exactly the cap still ends cleanly.
            n = super.read(b, off, (int) Math.min(len, cap - count + 1));
        } catch (SocketTimeoutException e) {
            throw trip(HttpFailure.Kind.TIMEOUT, "timed out after " + deadlineText);
        } catch (IOException e) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw trip(HttpFailure.Kind.TIMEOUT, "timed out after " + deadlineText);
            }
            throw e;
        }
        if (n > 0) {
            count += n;
            if (count > cap) {
                throw trip(HttpFailure.Kind.TOO_LARGE, "body larger than the cap of " + Bytes.text(cap));
            }
            checkDeadline();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
        int r = read(buf, 0, (int) Math.min(buf.length, n));
        return Math.max(0, r);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void checkDeadline() throws Breach {
        if (breach != null) {
            throw breach;
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
            throw trip(HttpFailure.Kind.TIMEOUT, "timed out after " + deadlineText);
        }
    }

    private Breach trip(HttpFailure.Kind kind, String detail) {
        Breach b = new Breach(kind, detail);
        breach = b;
        return b;
    }

    /** Byte counts as people read them. */
    static final class Bytes {
        private Bytes() {}

        static String text(long bytes) {
            if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
                return (bytes >> 20) + " MiB";
            }
            if (bytes >= 1024 && bytes % 1024 == 0) {
                return (bytes >> 10) + " KiB";
            }
            return bytes + " bytes";
        }
    }
}
