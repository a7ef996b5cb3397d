package org.helmupgradebot.upgrade.manager;

import org.yaml.snakeyaml.error.Mark;

/** A file whose pins cannot be read; the message is one line, {@code file:line:col: what} where the place is known. */
public class ExtractionException extends RuntimeException {

    public ExtractionException(String message) {
        super(message);
    }

    /** An error at a place in the file; line and column are printed 1-based. */
    static ExtractionException at(String file, Mark mark, String what) {
        if (mark == null) {
            return new ExtractionException(file + ": " + what);
        }
        return new ExtractionException(
                file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": " + what);
    }
}
