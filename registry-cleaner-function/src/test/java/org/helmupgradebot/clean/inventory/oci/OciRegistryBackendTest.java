package org.helmupgradebot.clean.inventory.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.inventory.RegistryBackend.DeleteOutcome;
import org.helmupgradebot.clean.inventory.RegistryException;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.oci.MediaTypes;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import org.helmupgradebot.shared.testing.DockerRegistryServer;
import org.helmupgradebot.shared.testing.RegistrySeeder;
import org.helmupgradebot.shared.testing.RegistrySeeder.Layer;
import org.helmupgradebot.shared.testing.RegistrySeeder.SeededImage;
import org.helmupgradebot.shared.testing.RegistrySeeder.SeededIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OCI backend against Debian's real docker-registry, seeded through the upload API. */
class OciRegistryBackendTest {
    private static final String REPO = "team/app";
    private static DockerRegistryServer registry;
    private static OciRegistryBackend backend;
    private static SeededImage old;
    private static SeededImage newer;
    private static SeededImage oddDate;
    private static SeededImage amd;
    private static SeededImage arm;
    private static SeededIndex multi;
    private static SeededImage signature;
    private static SeededImage untagged;

    @BeforeAll
    static void seed() {
        registry = DockerRegistryServer.start();
        OciRegistryClient client = registry.client(2);
        backend = new OciRegistryBackend(client);
        RegistrySeeder seeder = new RegistrySeeder(client, 42);
        Layer base = seeder.layer(50_000);
        Layer deps = seeder.layer(20_000);
        Layer app = seeder.layer(30_000);
        old = seeder.image(REPO, Instant.parse("2019-03-01T12:00:00Z"), List.of(base, deps), "1.0", "stable");
        newer = seeder.imageWithCreatedText(REPO, "2024-06-30T08:15:30.123456789+02:00", List.of(base, app), "2.0");
        oddDate = seeder.imageWithCreatedText(REPO, "last tuesday", List.of(deps), "weird");
        amd = seeder.image(REPO, Instant.parse("2020-01-01T00:00:00Z"), List.of(app));
        arm = seeder.image(REPO, Instant.parse("2020-01-02T00:00:00Z"), List.of(seeder.layer(1234)));
        multi = seeder.index(REPO, List.of(amd, arm), "multi");
        signature = seeder.referrer(REPO, old, "application/vnd.dev.cosign.artifact.sig.v1+json", 700,
                "sha256-" + old.digest().substring(7) + ".sig");
        untagged = seeder.image(REPO, Instant.parse("2018-01-01T00:00:00Z"), List.of(seeder.layer(99)));
        seeder.image("other/tool", Instant.parse("2021-05-05T05:05:05Z"), List.of(base), "v1");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static Map<String, ManifestRecord> rows(String repo) {
        return backend.listManifests(repo).stream()
                .collect(Collectors.toMap(ManifestRecord::digest, Function.identity()));
    }

    @Test
    void describesItself() {
        assertEquals("oci " + registry.baseUrl(), backend.describe());
    }

    @Test
    void listsRepositories() {
        List<String> repos = backend.listRepositories();
        assertTrue(repos.containsAll(List.of("other/tool", REPO)), repos.toString());
    }

    @Test
    void oneRowPerVisibleManifestWithAllItsTags() {
        Map<String, ManifestRecord> rows = rows(REPO);
        assertEquals(7, rows.size(), rows.keySet().toString());
        assertFalse(rows.containsKey(untagged.digest()), "the distribution API cannot list untagged manifests");
        assertEquals(List.of("1.0", "stable"), rows.get(old.digest()).tags());
        assertEquals(List.of("2.0"), rows.get(newer.digest()).tags());
        assertEquals(List.of(), rows.get(amd.digest()).tags());
        assertEquals(List.of("multi"), rows.get(multi.digest()).tags());
        for (ManifestRecord r : rows.values()) {
            assertEquals(REPO, r.repository());
            assertTrue(r.deleteEnabled() && r.writeEnabled(), "distribution has no locks");
            assertEquals(Optional.empty(), r.lastUpdated());
        }
    }

    @Test
    void imageSizesBlobsAndDatesAreExactlyAsSeeded() {
        Map<String, ManifestRecord> rows = rows(REPO);
        for (SeededImage image : List.of(old, newer, amd, arm)) {
            ManifestRecord r = rows.get(image.digest());
            assertEquals(image.totalSize(), r.sizeBytes(), image.tags().toString());
            assertEquals(image.blobs(), r.blobs());
            assertEquals(image.created(), r.created());
            assertEquals(List.of(), r.problems());
            assertEquals(MediaTypes.OCI_MANIFEST, r.mediaType());
            assertEquals(Optional.empty(), r.subjectDigest());
        }
        assertEquals(50_000 + 20_000 + old.configSize() + old.manifestSize(), rows.get(old.digest()).sizeBytes());
        assertEquals(Optional.of(Instant.parse("2024-06-30T06:15:30.123456789Z")), rows.get(newer.digest()).created());
    }

    @Test
    void unparseableCreatedIsEmptyWithAProblem() {
        ManifestRecord r = rows(REPO).get(oddDate.digest());
        assertEquals(Optional.empty(), r.created());
        assertEquals(List.of("unparseable created 'last tuesday' in config blob " + oddDate.configDigest()),
                r.problems());
        assertEquals(oddDate.totalSize(), r.sizeBytes());
    }

    @Test
    void indexHasChildrenNoDateAndItsOwnSize() {
        Map<String, ManifestRecord> rows = rows(REPO);
        ManifestRecord index = rows.get(multi.digest());
        assertEquals(MediaTypes.OCI_INDEX, index.mediaType());
        assertEquals(List.of(amd.digest(), arm.digest()), index.childDigests());
        assertEquals(multi.manifestSize(), index.sizeBytes());
        assertEquals(Optional.empty(), index.created());
        assertEquals(Map.of(), index.blobs());
        assertEquals(List.of(), index.problems());
    }

    @Test
    void referrerCarriesItsSubject() {
        ManifestRecord sig = rows(REPO).get(signature.digest());
        assertEquals(Optional.of(old.digest()), sig.subjectDigest());
        assertEquals(signature.totalSize(), sig.sizeBytes());
        assertEquals(Optional.empty(), sig.created());
        assertEquals(1, sig.problems().size());
        assertTrue(sig.problems().get(0).contains(MediaTypes.OCI_EMPTY), sig.problems().toString());
    }

    @Test
    void sequentialAndParallelWalksAgreeAndFetchEachThingOnce() {
        RetryingHttpClient counted = new RetryingHttpClient(DockerRegistryServer.testOptions());
        OciRegistryClient client = new OciRegistryClient(registry.baseUrl(), counted);
        List<ManifestRecord> sequential = new OciRegistryBackend(client, 1).listManifests(REPO);
        // 1 tag list (distribution 2.8 answers it in one page) + a HEAD for each of the 6 tags + a GET for each of
        // the 5 digests they name (two tags share one) + 2 index children + 5 image configs.
        assertEquals(19, counted.requestCount());
        List<ManifestRecord> parallel = new OciRegistryBackend(client, 8).listManifests(REPO);
        assertEquals(sequential, parallel);
        assertEquals(38, counted.requestCount());
    }

    @Test
    void unknownRepositoryHasNoManifests() {
        assertEquals(List.of(), backend.listManifests("nobody/here"));
    }

    @Test
    void deleteThenAlreadyGone() {
        RegistrySeeder seeder = new RegistrySeeder(registry.client(), 7);
        SeededImage doomed = seeder.image("doomed/app", Instant.parse("2017-07-07T07:07:07Z"),
                List.of(seeder.layer(500)), "x");
        assertEquals(1, backend.listManifests("doomed/app").size());
        assertEquals(DeleteOutcome.DELETED, backend.delete("doomed/app", doomed.digest()));
        assertEquals(List.of(), backend.listManifests("doomed/app"));
        assertEquals(DeleteOutcome.ALREADY_GONE, backend.delete("doomed/app", doomed.digest()));
    }

    @Test
    void deletionDisabledIsARegistryException() {
        try (DockerRegistryServer locked = DockerRegistryServer.start(false)) {
            RegistrySeeder seeder = new RegistrySeeder(locked.client(), 8);
            SeededImage image = seeder.image("locked/app", Instant.parse("2017-07-07T07:07:07Z"),
                    List.of(seeder.layer(10)), "x");
            OciRegistryBackend lockedBackend = new OciRegistryBackend(locked.client());
            RegistryException e = assertThrows(RegistryException.class,
                    () -> lockedBackend.delete("locked/app", image.digest()));
            assertEquals(405, e.status());
            assertTrue(e.getMessage().startsWith("deleting locked/app@" + image.digest() + " on oci "
                    + locked.baseUrl() + " failed: DELETE "), e.getMessage());
            assertTrue(e.getMessage().endsWith("deletion disabled on this registry (UNSUPPORTED)"), e.getMessage());
        }
    }

    @Test
    void unreachableRegistryIsARegistryException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OciRegistryBackend dead = new OciRegistryBackend(new OciRegistryClient(URI.create("http://127.0.0.1:" + port),
                new RetryingHttpClient(DockerRegistryServer.testOptions(), d -> { }, Clock.systemUTC())));
        RegistryException e = assertThrows(RegistryException.class, dead::listRepositories);
        assertEquals(0, e.status());
        assertTrue(e.getMessage().startsWith("listing repositories on oci http://127.0.0.1:" + port
                + " failed: GET http://127.0.0.1:" + port + "/v2/_catalog?n=100: cannot connect"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(after 3 attempts)"), e.getMessage());
    }
}
