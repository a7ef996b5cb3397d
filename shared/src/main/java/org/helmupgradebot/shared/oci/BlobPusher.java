package org.helmupgradebot.shared.oci;

import java.net.URI;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.HttpReply;
import org.helmupgradebot.shared.http.HttpRequestSpec;

/** Monolithic blob upload: {@code POST /v2/<repo>/blobs/uploads/} then {@code PUT <location>&digest=…}; skipped when the blob exists. */
final class BlobPusher {
    private final RegistryTransport transport;
    private final BlobPuller puller;

    BlobPusher(RegistryTransport transport, BlobPuller puller) {
        this.transport = transport;
        this.puller = puller;
    }

    String push(String repository, byte[] content) {
        String digest = Digests.sha256(content);
        if (puller.size(repository, digest).isPresent()) {
            return digest;
        }
        String scope = Scopes.push(repository);
        HttpReply started = transport.send(
                HttpRequestSpec.post(transport.resolve("/v2/" + repository + "/blobs/uploads/"), new byte[0]), scope);
        if (started.status() != 202) {
            throw RegistryErrors.of(started);
        }
        String location = started.header("Location").orElseThrow(() -> new HttpFailure(
                HttpFailure.Kind.BAD_RESPONSE, 202, "POST", started.uri(), "upload started without a Location", 1,
                null));
        URI target = transport.resolve(location);
        URI put = URI.create(target + (target.getRawQuery() == null ? "?" : "&") + "digest=" + digest);
        HttpReply done = transport.send(HttpRequestSpec.put(put, content)
                .withHeader("Content-Type", "application/octet-stream"), scope);
        if (done.status() != 201) {
            throw RegistryErrors.of(done);
        }
        return digest;
    }
}
