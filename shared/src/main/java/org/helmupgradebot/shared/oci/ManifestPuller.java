package org.helmupgradebot.shared.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.helmupgradebot.shared.http.HttpReply;
import org.helmupgradebot.shared.http.HttpRequestSpec;

/**
 * {@code GET /v2/<repo>/manifests/<ref>}: bytes, media type and digest; 404 is empty. The bytes must hash to the
 * digest asked for, or (by tag) to the {@code Docker-Content-Digest} sent with them; else
 * {@link DigestMismatchException}. {@code HEAD} gives a reference's digest without the body.
 */
final class ManifestPuller {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RegistryTransport transport;

    ManifestPuller(RegistryTransport transport) {
        this.transport = transport;
    }

    Optional<Manifest> pull(String repository, String reference) {
        return send(HttpRequestSpec::get, repository, reference).map(reply -> verified(reply, reference));
    }

    /** The manifest in a successful reply, trusted only when its bytes hash to the digest claimed for them. */
    private static Manifest verified(HttpReply reply, String reference) {
        byte[] bytes = reply.body();
        String computed = Digests.sha256(bytes);
        Optional<String> claimed = Digests.isDigest(reference) ? Optional.of(reference)
                : reply.header("Docker-Content-Digest").map(String::strip).filter(d -> !d.isEmpty());
        if (claimed.isPresent() && !Digests.matches(claimed.get(), bytes)) {
            throw new DigestMismatchException(reply, claimed.get(), computed);
        }
        return new Manifest(bytes, mediaType(reply, bytes), claimed.orElse(computed));
    }

    /**
     * The digest a tag (or digest) resolves to, from a {@code HEAD}; empty on 404. A registry that sends no
     * digest header is asked with a GET, whose body gives it.
     */
    Optional<String> digest(String repository, String reference) {
        Optional<HttpReply> reply = send(HttpRequestSpec::head, repository, reference);
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> header = reply.get().header("Docker-Content-Digest").map(String::strip)
                .filter(Digests::isDigest);
        return header.isPresent() ? header : pull(repository, reference).map(Manifest::digest);
    }

    /** A GET or HEAD of a manifest: empty on 404, a typed error on any other failure. */
    private Optional<HttpReply> send(Function<URI, HttpRequestSpec> method, String repository, String reference) {
        HttpRequestSpec spec = method.apply(transport.resolve("/v2/" + repository + "/manifests/" + reference))
                .withHeader("Accept", MediaTypes.MANIFEST_ACCEPT);
        HttpReply reply = transport.send(spec, Scopes.pull(repository));
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (!reply.isSuccess()) {
            throw RegistryErrors.of(reply);
        }
        return Optional.of(reply);
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
