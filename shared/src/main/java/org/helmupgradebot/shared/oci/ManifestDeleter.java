package org.helmupgradebot.shared.oci;

import org.helmupgradebot.shared.http.HttpReply;
import org.helmupgradebot.shared.http.HttpRequestSpec;

/** {@code DELETE /v2/<repo>/manifests/<digest>}: 202 deleted, 404 already gone, 405 deletion disabled. */
final class ManifestDeleter {
    private final RegistryTransport transport;

    ManifestDeleter(RegistryTransport transport) {
        this.transport = transport;
    }

    DeleteResult delete(String repository, String digest) {
        if (!Digests.isDigest(digest)) {
            throw new IllegalArgumentException("manifests are deleted by digest, not by tag: '" + digest + "'");
        }
        HttpReply reply = transport.send(
                HttpRequestSpec.delete(transport.resolve("/v2/" + repository + "/manifests/" + digest)),
                Scopes.delete(repository));
        if (reply.status() == 202 || reply.status() == 200 || reply.status() == 204) {
            return DeleteResult.DELETED;
        }
        if (reply.status() == 404) {
            return DeleteResult.NOT_FOUND;
        }
        throw RegistryErrors.of(reply);
    }
}
