package org.helmupgradebot.shared.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.testing.DockerRegistryServer;
import org.helmupgradebot.shared.testing.RegistrySeeder;
import org.helmupgradebot.shared.testing.RegistrySeeder.SeededImage;
import org.helmupgradebot.shared.testing.RegistrySeeder.SeededIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against Debian's real docker-registry on loopback. */
class OciRegistryClientRegistryTest {
    private static final Instant OLD = Instant.parse("2019-03-01T12:00:00Z");
    private static DockerRegistryServer registry;

    @BeforeAll
    static void start() {
        registry = DockerRegistryServer.start();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void pushedManifestComesBackByTagAndDigestByteForByte() {
        OciRegistryClient client = registry.client();
        RegistrySeeder seeder = new RegistrySeeder(client, 1);
        SeededImage image = seeder.image("roundtrip/app", OLD, List.of(seeder.layer(1000), seeder.layer(2345)), "v1");

        Manifest byTag = client.getManifest("roundtrip/app", "v1").orElseThrow();
        Manifest byDigest = client.getManifest("roundtrip/app", image.digest()).orElseThrow();
        assertEquals(image.digest(), byTag.digest());
        assertEquals(Digests.sha256(byTag.bytes()), byTag.digest());
        assertArrayEquals(byTag.bytes(), byDigest.bytes());
        assertEquals(MediaTypes.OCI_MANIFEST, byTag.mediaType());
        assertFalse(byTag.isIndex());
        assertEquals(image.manifestSize(), byTag.bytes().length);
    }

    @Test
    void blobsComeBackVerifiedAndMissingOnesAreEmpty() throws Exception {
        OciRegistryClient client = registry.client();
        RegistrySeeder seeder = new RegistrySeeder(client, 2);
        SeededImage image = seeder.image("blobs/app", OLD, List.of(seeder.layer(4096)), "latest");
        byte[] config = client.getBlob("blobs/app", image.configDigest()).orElseThrow();
        assertEquals("2019-03-01T12:00:00Z", new ObjectMapper().readTree(config).path("created").asText());
        assertEquals(Optional.of(4096L), client.blobSize("blobs/app", image.layers().get(0).digest()));
        assertEquals(Optional.empty(), client.getBlob("blobs/app", Digests.sha256(new byte[] {1, 2, 3})));
        assertEquals(Optional.empty(), client.getManifest("blobs/app", "no-such-tag"));
        assertEquals(Optional.empty(), client.listTags("no/such-repo"));
    }

    @Test
    void pushingAnExistingBlobOnlyChecksIt() {
        OciRegistryClient client = registry.client();
        byte[] blob = "same bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        client.pushBlob("dedupe/app", blob);
        long before = client.requestCount();
        assertEquals(Digests.sha256(blob), client.pushBlob("dedupe/app", blob));
        assertEquals(1, client.requestCount() - before, "only the HEAD");
    }

    @Test
    void tagsAreAllListed() {
        OciRegistryClient seedClient = registry.client();
        RegistrySeeder seeder = new RegistrySeeder(seedClient, 3);
        SeededImage image = seeder.image("paged/tags", OLD, List.of(seeder.layer(10)), "a1");
        for (String t : List.of("a2", "a3", "b1", "b2")) {
            seeder.tag(image, t);
        }
        OciRegistryClient client = registry.client(2);
        long before = client.requestCount();
        List<String> tags = client.listTags("paged/tags").orElseThrow();
        assertEquals(List.of("a1", "a2", "a3", "b1", "b2"), tags.stream().sorted().toList());
        assertEquals(5, tags.size());
        // Distribution 2.8 ignores n= on tags/list and answers in one page, unsorted; paging is tested on WireMock.
        assertEquals(1, client.requestCount() - before);
    }

    @Test
    void catalogIsListedAcrossPages() {
        OciRegistryClient seedClient = registry.client();
        RegistrySeeder seeder = new RegistrySeeder(seedClient, 4);
        List<String> repos = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            repos.add("catalog/r" + i);
            seeder.image("catalog/r" + i, OLD, List.of(seeder.layer(10)), "t");
        }
        OciRegistryClient client = registry.client(2);
        long before = client.requestCount();
        List<String> all = client.catalog();
        assertTrue(all.containsAll(repos), all.toString());
        assertEquals(all.stream().distinct().count(), all.size(), "no repository twice");
        assertTrue(client.requestCount() - before >= 3, "at least five repositories at n=2 take three pages");
    }

    @Test
    void indexIsStoredWithItsChildren() {
        OciRegistryClient client = registry.client();
        RegistrySeeder seeder = new RegistrySeeder(client, 5);
        SeededImage amd = seeder.image("multi/app", OLD, List.of(seeder.layer(100)));
        SeededImage arm = seeder.image("multi/app", OLD, List.of(seeder.layer(200)));
        SeededIndex index = seeder.index("multi/app", List.of(amd, arm), "1.0");
        Manifest m = client.getManifest("multi/app", "1.0").orElseThrow();
        assertTrue(m.isIndex());
        assertEquals(MediaTypes.OCI_INDEX, m.mediaType());
        assertEquals(index.digest(), m.digest());
        assertTrue(client.getManifest("multi/app", amd.digest()).isPresent());
        assertEquals(List.of("1.0"), client.listTags("multi/app").orElseThrow(), "children are untagged");
    }

    @Test
    void deleteThenGoneThenNotFoundAndGarbageCollectFreesTheBlobs() {
        OciRegistryClient client = registry.client();
        RegistrySeeder seeder = new RegistrySeeder(client, 6);
        SeededImage image = seeder.image("gc/app", OLD, List.of(seeder.layer(300_000)), "old");
        registry.garbageCollect(false);
        long before = registry.diskUsageBytes();

        assertEquals(DeleteResult.DELETED, client.deleteManifest("gc/app", image.digest()));
        assertEquals(Optional.empty(), client.getManifest("gc/app", image.digest()));
        assertEquals(DeleteResult.NOT_FOUND, client.deleteManifest("gc/app", image.digest()));
        assertEquals(List.of(), client.listTags("gc/app").orElse(List.of()));

        String out = registry.garbageCollect(false);
        long after = registry.diskUsageBytes();
        assertTrue(before - after >= 300_000, "freed " + (before - after) + " bytes; gc said: " + out.length());
    }

    @Test
    void deletingByTagIsRefusedBeforeAnyRequest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.client().deleteManifest("gc/app", "latest"));
        assertEquals("invalid digest 'latest'", e.getMessage());
    }

    @Test
    void deletionDisabledIsAClearError() {
        try (DockerRegistryServer locked = DockerRegistryServer.start(false)) {
            OciRegistryClient client = locked.client();
            RegistrySeeder seeder = new RegistrySeeder(client, 7);
            SeededImage image = seeder.image("locked/app", OLD, List.of(seeder.layer(10)), "v1");
            HttpFailure f = assertThrows(HttpFailure.class, () -> client.deleteManifest("locked/app", image.digest()));
            assertEquals(405, f.status());
            assertEquals("DELETE " + locked.baseUrl() + "/v2/locked/app/manifests/" + image.digest()
                    + ": 405 Method Not Allowed: deletion disabled on this registry (UNSUPPORTED)", f.getMessage());
        }
    }
}
