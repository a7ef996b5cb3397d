package org.helmupgradebot.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.helmupgradebot.shared.oci.DeleteResult;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import org.helmupgradebot.shared.testing.RegistrySeeder.Layer;
import org.helmupgradebot.shared.testing.RegistrySeeder.SeededImage;
import org.junit.jupiter.api.Test;

/** The loopback registry helper: start, storage, garbage collection of shared and unique layers, close. */
class DockerRegistryServerTest {

    @Test
    void garbageCollectFreesOnlyBlobsNoManifestStillUses() {
        Path storage;
        try (DockerRegistryServer registry = DockerRegistryServer.start()) {
            storage = registry.storageRoot();
            assertTrue(registry.client().ping());
            assertEquals(0, registry.diskUsageBytes());
            OciRegistryClient client = registry.client();
            RegistrySeeder seeder = new RegistrySeeder(client, 11);
            Layer shared = seeder.layer(400_000);
            Layer onlyA = seeder.layer(100_000);
            Layer onlyB = seeder.layer(70_000);
            SeededImage a = seeder.image("gc/a", Instant.parse("2019-01-01T00:00:00Z"), List.of(shared, onlyA), "a");
            seeder.image("gc/b", Instant.parse("2019-01-01T00:00:00Z"), List.of(shared, onlyB), "b");
            long seeded = registry.diskUsageBytes();
            assertTrue(seeded >= 570_000, "the blob store holds each layer once: " + seeded);
            assertTrue(seeded < 970_000, "the shared layer is stored once: " + seeded);

            assertEquals(DeleteResult.DELETED, client.deleteManifest("gc/a", a.digest()));
            assertEquals(seeded, registry.diskUsageBytes(), "nothing is freed before garbage collection");
            registry.garbageCollect(false);
            long freed = seeded - registry.diskUsageBytes();
            // a's own layer, config and manifest go; the layer b still uses stays.
            assertEquals(onlyA.size() + a.configSize() + a.manifestSize(), freed);
        }
        assertFalse(Files.exists(storage), "close() removes the storage");
    }
}
