package org.helmupgradebot.shared.report;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** A java.util.logging Logger (what ExecutionContext.getLogger() returns) that keeps its lines for tests. */
public final class RecordingLogger {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger;

    public RecordingLogger(String name) {
        logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    public Logger logger() {
        return logger;
    }

    /** Each logged record as {@code LEVEL message}. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("\n", lines);
    }
}
