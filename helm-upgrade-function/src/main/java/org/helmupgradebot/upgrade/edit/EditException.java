package org.helmupgradebot.upgrade.edit;

/** An edit that was refused or that did not come out as planned; the message is one line naming file and place. */
public class EditException extends RuntimeException {

    public EditException(String message) {
        super(message);
    }
}
