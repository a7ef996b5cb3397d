package org.helmupgradebot.upgrade.publish;

import java.util.Objects;

/**
 * A code platform call that failed, with the kind of failure the convergence rules act on (the
 * platform adapter maps its own status codes to these kinds in one place).
 */
public final class PlatformException extends PublishException {

    /** What went wrong, as far as the rules care. */
    public enum Kind {
        /** The repository, branch, file, commit or pull request does not exist (or cannot be seen). */
        NOT_FOUND,
        /** The thing to create exists already (a branch, an open pull request for the branch). */
        CONFLICT,
        /** The platform could not be reached, or kept failing or rate-limiting past the allowed wait. */
        UNAVAILABLE,
        /** The credentials were rejected or lack a permission. */
        DENIED,
        /** Any other refusal. */
        FAILED
    }

    private final Kind kind;

    public PlatformException(Kind kind, String oneLine) {
        super(oneLine);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    public boolean is(Kind k) {
        return kind == k;
    }
}
