package org.helmupgradebot.upgrade.files;

/** A pinned file could not be read; the message is one line naming it. */
public class FileReadException extends RuntimeException {
    public FileReadException(String message) {
        super(message);
    }
}
