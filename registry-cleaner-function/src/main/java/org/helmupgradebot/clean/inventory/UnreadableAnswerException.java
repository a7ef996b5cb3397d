package org.helmupgradebot.clean.inventory;

/**
 * The registry answered, but the answer for one repository could not be read (broken JSON, a timestamp
 * that does not parse). The inventory notes it and skips that repository, so nothing in it is deleted.
 */
public class UnreadableAnswerException extends RegistryException {
    public UnreadableAnswerException(String message, Throwable cause) {
        super(message, org.helmupgradebot.shared.http.HttpFailure.Kind.BAD_RESPONSE, 0, cause);
    }
}
