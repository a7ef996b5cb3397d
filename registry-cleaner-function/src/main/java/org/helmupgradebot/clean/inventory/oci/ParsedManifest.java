package org.helmupgradebot.clean.inventory.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.helmupgradebot.clean.inventory.ByteSizes;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import java.util.Optional;
import org.helmupgradebot.shared.oci.DigestMismatchException;
import org.helmupgradebot.shared.oci.Manifest;
import org.helmupgradebot.shared.oci.MediaTypes;

/**
 * The parts of a manifest the inventory needs: config and layer descriptors (image), child
 * descriptors (index), the {@code subject} of a referrer, or why it could not be read.
 */
public record ParsedManifest(boolean index, Optional<Descriptor> config, List<Descriptor> layers, List<Descriptor> children,
        Optional<String> subject, Optional<String> problem) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ParsedManifest of(Manifest manifest) {
        JsonNode root;
        try {
            root = JSON.readTree(manifest.bytes());
        } catch (IOException e) {
            return unreadable("manifest is not JSON");
        }
        if (root == null || !root.isObject()) {
            return unreadable("manifest is not a JSON object");
        }
        Optional<String> subject = Optional.ofNullable(root.path("subject").path("digest").textValue());
        if (manifest.isIndex() || (manifest.mediaType().isEmpty() && root.has("manifests"))) {
            return new ParsedManifest(true, Optional.empty(), List.of(), descriptors(root.path("manifests")),
                    subject, Optional.empty());
        }
        JsonNode config = root.path("config");
        if (!config.isObject() || config.path("digest").textValue() == null) {
            return unreadable("manifest of media type '" + manifest.mediaType() + "' has no config descriptor");
        }
        return new ParsedManifest(false, Optional.of(descriptor(config)), descriptors(root.path("layers")),
                List.of(), subject, Optional.empty());
    }

    /** Config and layer digests to their sizes (none for an index); a size out of range is {@code SIZE_UNKNOWN}. */
    public Map<String, Long> blobs() {
        Map<String, Long> blobs = new LinkedHashMap<>();
        config.ifPresent(c -> blobs.put(c.digest(), c.size() < 0 ? ManifestRecord.SIZE_UNKNOWN : c.size()));
        layers.forEach(l -> blobs.put(l.digest(), l.size() < 0 ? ManifestRecord.SIZE_UNKNOWN : l.size()));
        return blobs;
    }

    /** Config plus layers in bytes; empty when a size is out of range or the sum overflows. */
    public OptionalLong blobBytes() {
        return ByteSizes.sum(LongStream.concat(config.stream().mapToLong(Descriptor::size),
                layers.stream().mapToLong(Descriptor::size)).toArray());
    }

    /** The problem of a manifest whose body does not hash to its digest: nothing about it is trusted. */
    public static String untrusted(DigestMismatchException e) {
        return "unreadable: the body the registry sent for " + e.claimed() + " hashes to " + e.computed()
                + ", so nothing about it is trusted";
    }

    /** True when the config is an image config, whose {@code created} dates the image. */
    public boolean hasImageConfig() {
        return config.map(c -> MediaTypes.isImageConfig(c.mediaType())).orElse(false);
    }

    private static ParsedManifest unreadable(String why) {
        return new ParsedManifest(false, Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.of(why));
    }

    private static List<Descriptor> descriptors(JsonNode array) {
        List<Descriptor> out = new ArrayList<>();
        for (JsonNode d : array) {
            if (d.path("digest").isTextual()) {
                out.add(descriptor(d));
            }
        }
        return out;
    }

    private static Descriptor descriptor(JsonNode d) {
        return new Descriptor(d.path("mediaType").asText(""), d.path("digest").asText(), size(d.path("size")));
    }

    /** A descriptor's size; -1 when it is missing, not an integer, negative or past {@code Long.MAX_VALUE}. */
    private static long size(JsonNode size) {
        return size.isIntegralNumber() && size.canConvertToLong() && size.longValue() >= 0 ? size.longValue() : -1;
    }
}
