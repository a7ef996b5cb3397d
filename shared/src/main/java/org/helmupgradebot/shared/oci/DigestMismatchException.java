package org.helmupgradebot.shared.oci;

import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.HttpReply;

/**
 * A manifest whose bytes do not hash to the digest it was asked for by, or to the
 * {@code Docker-Content-Digest} the registry sent with it: its content is not trusted.
 */
public final class DigestMismatchException extends HttpFailure {
    private final String claimed;
    private final String computed;

    DigestMismatchException(HttpReply reply, String claimed, String computed) {
        super(Kind.BAD_RESPONSE, reply.status(), reply.method(), reply.uri(),
                "manifest content does not match its digest " + claimed + " (sha256 of the body is " + computed + ")",
                reply.attempts(), null);
        this.claimed = claimed;
        this.computed = computed;
    }

    /** The digest asked for, or the one the registry's header claimed. */
    public String claimed() {
        return claimed;
    }

    /** The sha256 of the bytes that arrived. */
    public String computed() {
        return computed;
    }
}
