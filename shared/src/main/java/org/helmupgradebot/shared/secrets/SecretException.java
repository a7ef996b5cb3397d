package org.helmupgradebot.shared.secrets;

/** A secret could not be read; the message is one line naming the source and the secret, never a value. */
public final class SecretException extends RuntimeException {
    public SecretException(String message) {
        super(message, null, false, false);
    }
}
