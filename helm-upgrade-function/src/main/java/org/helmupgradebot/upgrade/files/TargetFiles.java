package org.helmupgradebot.upgrade.files;

/** Reads the pinned files of one target: a local folder, or a GitHub repository at its base branch head. */
public interface TargetFiles {

    /** Where the files are, for messages: a folder path or {@code owner/name@branch}. */
    String where();

    /**
     * The text of one file.
     *
     * @param path relative to the target root, '/' separated
     * @throws FileReadException when it is missing, unreadable or not UTF-8
     */
    String read(String path);
}
