package org.helmupgradebot.shared.secrets;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures System.out, System.err and java.util.logging (root logger, all levels) while open. */
public final class CapturedOutput implements AutoCloseable {
    private final PrintStream oldOut = System.out;
    private final PrintStream oldErr = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StringBuilder jul = new StringBuilder();
    private final Logger root = Logger.getLogger("");
    private final Level oldLevel = root.getLevel();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (jul) {
                jul.append(r.getLevel()).append(' ').append(r.getLoggerName()).append(": ")
                        .append(r.getMessage());
                if (r.getParameters() != null) {
                    for (Object o : r.getParameters()) {
                        jul.append(" | ").append(o);
                    }
                }
                if (r.getThrown() != null) {
                    jul.append(" | ").append(r.getThrown());
                }
                jul.append('\n');
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    public CapturedOutput() {
        PrintStream tee = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
        root.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    /** Everything printed or logged so far. */
    public String text() {
        synchronized (jul) {
            return bytes.toString(StandardCharsets.UTF_8) + jul;
        }
    }

    @Override
    public void close() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        root.removeHandler(handler);
        root.setLevel(oldLevel);
    }
}
