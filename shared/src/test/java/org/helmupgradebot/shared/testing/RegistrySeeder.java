package org.helmupgradebot.shared.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.helmupgradebot.shared.oci.Digests;
import org.helmupgradebot.shared.oci.MediaTypes;
import org.helmupgradebot.shared.oci.OciRegistryClient;

/**
 * Seeds a registry through the real upload API: images whose layers are random bytes of exact sizes
 * (NOT gzip: uncompressed, media type {@value MediaTypes#OCI_LAYER_TAR}; the registry never looks
 * inside), configs with a chosen {@code created}, shared layers, OCI indexes with children, referrers
 * with a {@code subject}, and tags. Deterministic for a given seed.
 */
public final class RegistrySeeder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ARCHES = {"amd64", "arm64", "ppc64le", "s390x", "riscv64"};

    private final OciRegistryClient client;
    private final Random random;

    public RegistrySeeder(OciRegistryClient client, long seed) {
        this.client = client;
        this.random = new Random(seed);
    }

    /** A blob of random bytes and its digest. Pass the same layer to several images to share it. */
    public record Layer(byte[] bytes, String digest) {
        public long size() {
            return bytes.length;
        }
    }

    /** Any pushed manifest: repository, digest, exact byte size, media type and tags. */
    public interface Seeded {
        String repository();

        String digest();

        long manifestSize();

        String mediaType();

        List<String> tags();
    }

    /**
     * A pushed image manifest.
     *
     * @param created the {@code created} written into the config, empty when none or not a valid instant
     * @param blobs config and layer digests to sizes, as a registry stores them
     */
    public record SeededImage(String repository, String digest, long manifestSize, String mediaType, List<String> tags,
            String configDigest, long configSize, List<Layer> layers, Optional<Instant> created,
            Optional<String> subjectDigest) implements Seeded {

        /** Manifest + config + layers, the size an OCI backend reports. */
        public long totalSize() {
            return manifestSize + configSize + layers.stream().mapToLong(Layer::size).sum();
        }

        public Map<String, Long> blobs() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put(configDigest, configSize);
            layers.forEach(l -> m.put(l.digest(), l.size()));
            return m;
        }
    }

    /** A pushed OCI image index. */
    public record SeededIndex(String repository, String digest, long manifestSize, String mediaType, List<String> tags,
            List<String> childDigests) implements Seeded {}

    /** A layer of exactly {@code size} random bytes (not yet pushed; images push what they use). */
    public Layer layer(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return new Layer(bytes, Digests.sha256(bytes));
    }

    /** An image with a config {@code created} of {@code created}, these layers and tags (none: pushed by digest). */
    public SeededImage image(String repository, Instant created, List<Layer> layers, String... tags) {
        return imageWithCreatedText(repository, DateTimeFormatter.ISO_INSTANT.format(created), layers, tags);
    }

    /** An image whose config {@code created} is this exact text (null: no {@code created} field at all). */
    public SeededImage imageWithCreatedText(String repository, String createdText, List<Layer> layers,
            String... tags) {
        ObjectNode config = JSON.createObjectNode();
        if (createdText != null) {
            config.put("created", createdText);
        }
        config.put("architecture", "amd64");
        config.put("os", "linux");
        // A nonce keeps configs of otherwise equal images distinct.
        config.putObject("config").putObject("Labels").put("seed", Long.toHexString(random.nextLong()));
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(l -> diffIds.add(l.digest()));
        byte[] configBytes = bytes(config);
        String configDigest = client.pushBlob(repository, configBytes);
        for (Layer l : layers) {
            client.pushBlob(repository, l.bytes());
        }
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", descriptor(MediaTypes.OCI_CONFIG, configDigest, configBytes.length));
        ArrayNode layerArray = manifest.putArray("layers");
        layers.forEach(l -> layerArray.add(descriptor(MediaTypes.OCI_LAYER_TAR, l.digest(), l.size())));
        Pushed pushed = push(repository, MediaTypes.OCI_MANIFEST, bytes(manifest), tags);
        Optional<Instant> created = Optional.empty();
        try {
            created = createdText == null ? Optional.empty() : Optional.of(Instant.parse(createdText));
        } catch (java.time.DateTimeException notAnInstant) {
            // Deliberately odd text: no date.
        }
        return new SeededImage(repository, pushed.digest, pushed.size, MediaTypes.OCI_MANIFEST, List.of(tags),
                configDigest, configBytes.length, List.copyOf(layers), created, Optional.empty());
    }

    /** An OCI image index over already pushed images of the same repository. */
    public SeededIndex index(String repository, List<SeededImage> children, String... tags) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        List<String> childDigests = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            SeededImage child = children.get(i);
            ObjectNode d = descriptor(child.mediaType(), child.digest(), child.manifestSize());
            d.putObject("platform").put("architecture", ARCHES[i % ARCHES.length]).put("os", "linux");
            manifests.add(d);
            childDigests.add(child.digest());
        }
        Pushed pushed = push(repository, MediaTypes.OCI_INDEX, bytes(index), tags);
        return new SeededIndex(repository, pushed.digest, pushed.size, MediaTypes.OCI_INDEX, List.of(tags),
                childDigests);
    }

    /**
     * A referrer (e.g. a signature): an OCI manifest with {@code artifactType}, the empty config
     * ({@code {}}), one random payload layer of {@code payloadSize} bytes, and {@code subject} set.
     */
    public SeededImage referrer(String repository, Seeded subject, String artifactType, int payloadSize,
            String... tags) {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        String emptyDigest = client.pushBlob(repository, empty);
        Layer payload = layer(payloadSize);
        client.pushBlob(repository, payload.bytes());
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("artifactType", artifactType);
        manifest.set("config", descriptor(MediaTypes.OCI_EMPTY, emptyDigest, empty.length));
        manifest.putArray("layers").add(descriptor("application/octet-stream", payload.digest(), payload.size()));
        manifest.set("subject", descriptor(subject.mediaType(), subject.digest(), subject.manifestSize()));
        Pushed pushed = push(repository, MediaTypes.OCI_MANIFEST, bytes(manifest), tags);
        return new SeededImage(repository, pushed.digest, pushed.size, MediaTypes.OCI_MANIFEST, List.of(tags),
                emptyDigest, empty.length, List.of(payload), Optional.empty(), Optional.of(subject.digest()));
    }

    /** Points one more tag at an already pushed manifest (re-pushes its exact bytes under the tag). */
    public void tag(Seeded manifest, String tag) {
        byte[] bytes = client.getManifest(manifest.repository(), manifest.digest())
                .orElseThrow(() -> new IllegalStateException("manifest " + manifest.digest() + " is gone"))
                .bytes();
        client.pushManifest(manifest.repository(), tag, manifest.mediaType(), bytes);
    }

    private record Pushed(String digest, long size) {}

    private Pushed push(String repository, String mediaType, byte[] manifest, String... tags) {
        String digest = Digests.sha256(manifest);
        if (tags.length == 0) {
            client.pushManifest(repository, digest, mediaType, manifest);
        }
        for (String tag : tags) {
            String reported = client.pushManifest(repository, tag, mediaType, manifest);
            if (!reported.equals(digest)) {
                throw new IllegalStateException("registry reported " + reported + " for a manifest of digest " + digest);
            }
        }
        return new Pushed(digest, manifest.length);
    }

    private static ObjectNode descriptor(String mediaType, String digest, long size) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", mediaType);
        d.put("digest", digest);
        d.put("size", size);
        return d;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
