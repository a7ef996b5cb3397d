package org.helmupgradebot.upgrade.publish;

/** A publishing failure explained in one line (never carrying a token), for the user and the report. */
public class PublishException extends RuntimeException {
    public PublishException(String oneLine) {
        super(oneLine, null, false, false);
    }
}
