package org.helmupgradebot.clean.inventory.acr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.helmupgradebot.clean.CleanRun;
import org.helmupgradebot.clean.CleanSettings;
import org.helmupgradebot.clean.inventory.Inventory;
import org.helmupgradebot.clean.inventory.InventoryCollector;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.plan.PlanRow;
import org.helmupgradebot.clean.policy.CleanPolicy;
import org.helmupgradebot.clean.report.CleanReport;
import org.helmupgradebot.clean.testing.AcrStandIn;
import org.helmupgradebot.clean.testing.RegistryProxy.Reply;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.oci.Credentials;
import org.helmupgradebot.shared.oci.MediaTypes;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import org.helmupgradebot.shared.testing.DockerRegistryServer;
import org.helmupgradebot.shared.testing.RegistrySeeder;
import org.helmupgradebot.shared.testing.RegistrySeeder.Layer;
import org.helmupgradebot.shared.testing.RegistrySeeder.SeededImage;
import org.helmupgradebot.shared.testing.RegistrySeeder.SeededIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ACR backend against the ACR stand-in over the real registry, with more than a page (100) of repositories
 * and of manifests in one repository, untagged manifests, a multi-arch index and layers shared across images.
 */
class AcrStandInBackendTest {
    private static final String BIG = "big/app";
    private static final int SMALL_REPOSITORIES = 101;
    private static final int BIG_IMAGES = 120;
    private static final Instant OLD = Instant.parse("2024-01-01T00:00:00Z");
    private static DockerRegistryServer registry;
    private static AcrStandIn acr;
    private static RegistrySeeder seeder;
    private static Layer shared;
    private static SeededIndex index;
    private static SeededImage untagged;

    @BeforeAll
    static void seed() {
        registry = DockerRegistryServer.start();
        acr = new AcrStandIn(registry.baseUrl());
        OciRegistryClient seeding = new OciRegistryClient(acr.endpoint(),
                new RetryingHttpClient(DockerRegistryServer.testOptions()),
                Optional.of(new Credentials(AcrStandIn.ADMIN_USER, acr.adminPassword())), 100);
        seeder = new RegistrySeeder(seeding, 9);
        shared = seeder.layer(20_000);
        for (int i = 0; i < BIG_IMAGES; i++) {
            seeder.image(BIG, OLD.plus(Duration.ofHours(i)), List.of(shared, seeder.layer(100 + i)), "v" + i);
        }
        SeededImage amd = seeder.image(BIG, OLD, List.of(shared, seeder.layer(3000)));
        SeededImage arm = seeder.image(BIG, OLD, List.of(shared, seeder.layer(4000)));
        index = seeder.index(BIG, List.of(amd, arm), "multi");
        untagged = seeder.image(BIG, OLD, List.of(seeder.layer(5000)));
        for (int i = 0; i < SMALL_REPOSITORIES; i++) {
            seeder.image(String.format("small/r%03d", i), OLD, List.of(shared), "latest");
        }
    }

    @AfterAll
    static void stop() {
        if (acr != null) {
            acr.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void counts() {
        acr.resetCounts();
        acr.reportImageSize(null, null);
    }

    private static AcrRegistryBackend backend() {
        return AcrRegistryBackend.create(acr.endpoint().toString(), acr.credential(), null,
                new RetryingHttpClient(DockerRegistryServer.testOptions()), 100, 100, 8);
    }

    @Test
    void pagesPastAHundredRepositoriesAndManifestsWithEveryManifestsBlobs() {
        AcrRegistryBackend backend = backend();

        List<String> repositories = backend.listRepositories();
        List<ManifestRecord> rows = backend.listManifests(BIG);

        assertEquals(SMALL_REPOSITORIES + 1, repositories.size());
        assertEquals(2, acr.count("catalog"), "two catalog pages of at most 100");
        assertEquals(BIG_IMAGES + 4, rows.size(), "tagged, untagged, index and its children");
        assertEquals(2, acr.count("manifests"), "two manifest pages of at most 100");
        Map<String, ManifestRecord> byDigest = rows.stream()
                .collect(Collectors.toMap(ManifestRecord::digest, Function.identity()));
        ManifestRecord multi = byDigest.get(index.digest());
        assertEquals(index.childDigests(), multi.childDigests());
        assertEquals(MediaTypes.OCI_INDEX, multi.mediaType());
        assertTrue(byDigest.get(untagged.digest()).tags().isEmpty());
        for (ManifestRecord r : rows) {
            assertTrue(r.problems().isEmpty(), r.problems().toString());
            if (!r.digest().equals(index.digest())) {
                assertTrue(r.blobs().containsKey(shared.digest()) || r.digest().equals(untagged.digest()), r::toString);
                assertEquals(r.blobs().values().stream().mapToLong(Long::longValue).sum(), r.sizeBytes(),
                        "ACR's imageSize is config + layers");
            }
        }
    }

    @Test
    void oneCredentialCallOneExchangeAndOneTokenPerScopeForAWholeInventory() {
        AcrRegistryBackend backend = backend();
        int manifests = backend.listRepositories().stream().mapToInt(r -> acr.digests(r).size()).sum();
        acr.resetCounts();
        backend = backend();

        Inventory inventory = new InventoryCollector(8, Clock.systemUTC()).collect(backend);

        assertEquals(manifests, inventory.records().size(), inventory.notes().toString());
        assertEquals(1, acr.credentialCalls());
        assertEquals(1, acr.count("exchange"));
        // registry:catalog:*, then per repository its metadata_read (/acr/v1) and pull (/v2/) scopes.
        assertEquals(1 + 2 * (SMALL_REPOSITORIES + 1), acr.count("token"));
        assertEquals(0, acr.count("401"), "every request carried the right token the first time");
        assertEquals(manifests, acr.count("v2"), "one /v2/ GET per manifest, nothing else");
    }

    @Test
    void anExpiredAccessTokenIsBoughtAgainWithoutAnotherCredentialCallOrExchange() {
        acr.accessTokenLifetime(Duration.ofSeconds(1));
        try {
            AcrRegistryBackend backend = backend();
            backend.listManifests("small/r000");
            backend.listManifests("small/r000");
        } finally {
            acr.accessTokenLifetime(Duration.ofMinutes(75));
        }
        assertEquals(1, acr.credentialCalls());
        assertEquals(1, acr.count("exchange"));
        assertEquals(4, acr.count("token"), "both scopes bought again: they expire within the renewal margin");
    }

    @Test
    void aBodyThatDoesNotHashToItsDigestIsKeptAndNeverDeleted() {
        String repo = "small/r001";
        SeededImage honest = seeder.image(repo, OLD, List.of(seeder.layer(700)), "honest");
        String corrupt = acr.digests(repo).stream().filter(d -> !d.equals(honest.digest())).findFirst().orElseThrow();
        byte[] otherBody = registry.client().getManifest(repo, honest.digest()).orElseThrow().bytes();
        acr.v2().override("GET", "/v2/" + repo + "/manifests/" + corrupt, Reply.of(200, otherBody,
                "Content-Type", MediaTypes.OCI_MANIFEST, "Docker-Content-Digest", corrupt));
        AcrRegistryBackend backend = backend();

        ManifestRecord row = backend.listManifests(repo).stream().filter(r -> r.digest().equals(corrupt))
                .findFirst().orElseThrow();
        CleanReport report = cleanOld(backend, repo);

        assertTrue(row.problems().get(0).contains("hashes to " + honest.digest()), row.problems().toString());
        assertTrue(row.blobs().isEmpty());
        Set<String> deleted = report.plan().deletions().stream().filter(r -> r.repository().equals(repo))
                .map(PlanRow::digest).collect(Collectors.toSet());
        assertEquals(Set.of(honest.digest()), deleted);
        assertTrue(acr.digests(repo).contains(corrupt), "never deleted");
        assertFalse(acr.digests(repo).contains(honest.digest()));
    }

    @Test
    void anImageSizeOfTenToTheNineteenBytesIsNeverReadAsANumberAndNothingInItsRepositoryIsDeleted() {
        String repo = "small/r002";
        String digest = acr.digests(repo).iterator().next();
        acr.reportImageSize(digest, new BigInteger("10000000000000000000"));

        CleanReport report = cleanOld(backend(), repo);

        // The SDK refuses a listing page whose imageSize does not fit a long: the repository is skipped, and says so.
        assertTrue(report.notes().stream().anyMatch(n -> n.contains(repo) && n.contains("nothing in it deleted")),
                report.notes().toString());
        assertTrue(report.plan().deletions().isEmpty());
        assertTrue(acr.digests(repo).contains(digest), "never deleted");
    }

    @Test
    void aLayerOfTenToTheNineteenBytesMakesTheSizeUnknownAndTheImageKept() {
        String repo = "small/r003";
        SeededImage normal = seeder.image(repo, OLD, List.of(seeder.layer(600)), "normal");
        String body = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + normal.configDigest()
                + "\",\"size\":" + normal.configSize() + "},\"layers\":[{\"mediaType\":\""
                + MediaTypes.OCI_LAYER_TAR + "\",\"digest\":\"" + shared.digest()
                + "\",\"size\":10000000000000000000}]}";
        String huge = acr.addUnstorable(repo, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "huge");
        AcrRegistryBackend backend = backend();

        ManifestRecord row = backend.listManifests(repo).stream().filter(r -> r.digest().equals(huge))
                .findFirst().orElseThrow();
        CleanReport report = cleanOld(backend, repo);

        assertFalse(row.sizeKnown());
        assertTrue(row.problems().get(0).startsWith("size unknown"), row.problems().toString());
        assertTrue(report.plan().kept().stream().anyMatch(r -> r.digest().equals(huge)
                && r.reason().contains("size unknown")));
        assertTrue(report.plan().deletions().stream().noneMatch(r -> r.digest().equals(huge)));
        assertTrue(report.plan().totals().bytesNaive() >= 0 && report.plan().totals().bytesFreed() >= 0);
        assertTrue(acr.digests(repo).contains(huge));
    }

    /** A real run deleting what is older than 30 days, in one repository only. */
    private static CleanReport cleanOld(AcrRegistryBackend backend, String repository) {
        CleanPolicy policy = new CleanPolicy(OptionalInt.of(30), List.of(), 0, false, OptionalLong.empty());
        RegistryBackend one = new RegistryBackend() {
            @Override
            public String describe() {
                return backend.describe();
            }

            @Override
            public List<String> listRepositories() {
                return List.of(repository);
            }

            @Override
            public List<ManifestRecord> listManifests(String name) {
                return backend.listManifests(name);
            }

            @Override
            public DeleteOutcome delete(String name, String digest) {
                return backend.delete(name, digest);
            }
        };
        return new CleanRun(one, new CleanSettings(policy, false, 1000, 4, Duration.ofMinutes(5))).execute();
    }
}
