package org.helmupgradebot.clean.inventory.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.helmupgradebot.shared.oci.Digests;
import org.helmupgradebot.shared.oci.Manifest;
import org.helmupgradebot.shared.oci.MediaTypes;
import org.junit.jupiter.api.Test;

/** Manifest parsing and config dates, on hand-written inputs covering the odd cases. */
class ManifestPartsTest {
    private static final String D = "sha256:" + "c".repeat(64);

    private static Manifest manifest(String mediaType, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new Manifest(bytes, mediaType, Digests.sha256(bytes));
    }

    private static ConfigCreated.Result created(String json) {
        return ConfigCreated.read(json.getBytes(StandardCharsets.UTF_8), D);
    }

    @Test
    void createdAcceptsZuluOffsetsAndFractions() {
        assertEquals(Optional.of(Instant.parse("2023-05-13T10:11:12.123456789Z")),
                created("{\"created\":\"2023-05-13T10:11:12.123456789Z\"}").created());
        assertEquals(Optional.of(Instant.parse("2023-05-13T08:11:12Z")),
                created("{\"created\":\"2023-05-13T10:11:12+02:00\"}").created());
    }

    @Test
    void createdNeverGuesses() {
        assertEquals(Optional.of("config blob " + D + " has no created date"), created("{\"os\":\"linux\"}").problem());
        assertEquals(Optional.of("unparseable created '2023-05-13 10:11:12' in config blob " + D),
                created("{\"created\":\"2023-05-13 10:11:12\"}").problem());
        assertEquals(Optional.of("unparseable created '2023-05-13T10:11:12' in config blob " + D),
                created("{\"created\":\"2023-05-13T10:11:12\"}").problem(), "no offset: which zone?");
        assertEquals(Optional.of("created '1970-01-01T00:00:00Z' in config blob " + D + " is a placeholder date"),
                created("{\"created\":\"1970-01-01T00:00:00Z\"}").problem());
        assertEquals(Optional.empty(), created("{\"created\":\"0001-01-01T00:00:00Z\"}").created());
        assertEquals(Optional.of("config blob " + D + " is not JSON"), created("not json").problem());
        assertEquals(Optional.empty(), created("{\"created\":12345}").created());
    }

    @Test
    void imageManifestParts() {
        ParsedManifest p = ParsedManifest.of(manifest(MediaTypes.DOCKER_MANIFEST, "{\"schemaVersion\":2,"
                + "\"config\":{\"mediaType\":\"" + MediaTypes.DOCKER_CONFIG + "\",\"digest\":\"" + D + "\",\"size\":7},"
                + "\"layers\":[{\"mediaType\":\"x\",\"digest\":\"sha256:1\",\"size\":10},"
                + "{\"mediaType\":\"x\",\"digest\":\"sha256:2\",\"size\":20}]}"));
        assertFalse(p.index());
        assertTrue(p.hasImageConfig());
        assertEquals(new Descriptor(MediaTypes.DOCKER_CONFIG, D, 7), p.config().orElseThrow());
        assertEquals(List.of(30L), List.of(p.layers().stream().mapToLong(Descriptor::size).sum()));
        assertEquals(Optional.empty(), p.problem());
    }

    @Test
    void dockerManifestListIsAnIndex() {
        ParsedManifest p = ParsedManifest.of(manifest(MediaTypes.DOCKER_MANIFEST_LIST, "{\"schemaVersion\":2,"
                + "\"manifests\":[{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + D
                + "\",\"size\":500,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}"));
        assertTrue(p.index());
        assertEquals(List.of(D), p.children().stream().map(Descriptor::digest).toList());
    }

    @Test
    void unreadableManifestsSayWhy() {
        assertEquals(Optional.of("manifest is not JSON"), ParsedManifest.of(manifest(MediaTypes.OCI_MANIFEST, "{")).problem());
        assertEquals(Optional.of("manifest of media type 'application/vnd.docker.distribution.manifest.v1+prettyjws'"
                        + " has no config descriptor"),
                ParsedManifest.of(manifest("application/vnd.docker.distribution.manifest.v1+prettyjws",
                        "{\"schemaVersion\":1,\"fsLayers\":[]}")).problem());
    }
}
