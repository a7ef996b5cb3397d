package org.helmupgradebot.shared.oci;

import org.helmupgradebot.shared.http.HttpReply;
import org.helmupgradebot.shared.http.HttpRequestSpec;

/** {@code PUT /v2/<repo>/manifests/<tag-or-digest>} with the manifest's media type. */
final class ManifestPusher {
    private final RegistryTransport transport;

    ManifestPusher(RegistryTransport transport) {
        this.transport = transport;
    }

    String push(String repository, String reference, String mediaType, byte[] manifest) {
        HttpReply reply = transport.send(
                HttpRequestSpec.put(transport.resolve("/v2/" + repository + "/manifests/" + reference), manifest)
                        .withHeader("Content-Type", mediaType),
                Scopes.push(repository));
        if (reply.status() != 201 && reply.status() != 200) {
            throw RegistryErrors.of(reply);
        }
        return reply.header("Docker-Content-Digest").filter(d -> !d.isBlank()).orElse(Digests.sha256(manifest));
    }
}
