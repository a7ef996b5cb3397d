package org.helmupgradebot.shared.oci;

import java.util.Optional;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.HttpReply;
import org.helmupgradebot.shared.http.HttpRequestSpec;

/** {@code GET /v2/<repo>/blobs/<digest>} for small blobs (image configs), verified; and HEAD for existence. */
final class BlobPuller {
    private final RegistryTransport transport;

    BlobPuller(RegistryTransport transport) {
        this.transport = transport;
    }

    Optional<byte[]> pull(String repository, String digest) {
        HttpReply reply = transport.send(
                HttpRequestSpec.get(transport.resolve("/v2/" + repository + "/blobs/" + digest)),
                Scopes.pull(repository));
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (!reply.isSuccess()) {
            throw RegistryErrors.of(reply);
        }
        if (!Digests.matches(digest, reply.body())) {
            throw new HttpFailure(HttpFailure.Kind.BAD_RESPONSE, reply.status(), "GET", reply.uri(),
                    "blob content does not match its digest", reply.attempts(), null);
        }
        return Optional.of(reply.body());
    }

    /** The blob's size from a HEAD, or empty when the registry does not have it. */
    Optional<Long> size(String repository, String digest) {
        HttpReply reply = transport.send(
                HttpRequestSpec.head(transport.resolve("/v2/" + repository + "/blobs/" + digest)),
                Scopes.pull(repository));
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (!reply.isSuccess()) {
            throw RegistryErrors.of(reply);
        }
        return Optional.of(reply.header("Content-Length").map(Long::parseLong).orElse(-1L));
    }
}
