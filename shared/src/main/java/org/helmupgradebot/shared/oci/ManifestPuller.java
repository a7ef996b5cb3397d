package org.helmupgradebot.shared.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.HttpReply;
import org.helmupgradebot.shared.http.HttpRequestSpec;

/** {@code GET /v2/<repo>/manifests/<ref>}: bytes, media type and digest; 404 is empty. */
final class ManifestPuller {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RegistryTransport transport;

    ManifestPuller(RegistryTransport transport) {
        this.transport = transport;
    }

    Optional<Manifest> pull(String repository, String reference) {
        HttpRequestSpec spec = HttpRequestSpec.get(transport.resolve("/v2/" + repository + "/manifests/" + reference))
                .withHeader("Accept", MediaTypes.MANIFEST_ACCEPT);
        HttpReply reply = transport.send(spec, Scopes.pull(repository));
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (!reply.isSuccess()) {
            throw RegistryErrors.of(reply);
        }
        byte[] bytes = reply.body();
        String computed = Digests.sha256(bytes);
        if (Digests.isDigest(reference) && reference.startsWith("sha256:") && !reference.equals(computed)) {
            throw new HttpFailure(HttpFailure.Kind.BAD_RESPONSE, reply.status(), "GET", reply.uri(),
                    "manifest content does not match its digest (got " + computed + ")", reply.attempts(), null);
        }
        String digest = reply.header("Docker-Content-Digest").filter(d -> !d.isBlank()).orElse(computed);
        return Optional.of(new Manifest(bytes, mediaType(reply, bytes), digest));
    }

    private static String mediaType(HttpReply reply, byte[] bytes) {
        Optional<String> header = reply.header("Content-Type").map(MediaTypes::base)
                .filter(t -> !t.equals("application/json") && !t.equals("application/octet-stream"));
        if (header.isPresent()) {
            return header.get();
        }
        try {
            String own = JSON.readTree(bytes).path("mediaType").asText("");
            return own.isEmpty() ? reply.header("Content-Type").map(MediaTypes::base).orElse("") : own;
        } catch (java.io.IOException e) {
            return reply.header("Content-Type").map(MediaTypes::base).orElse("");
        }
    }
}
