package org.helmupgradebot.clean.inventory.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.helmupgradebot.clean.inventory.InventoryProgress;
import org.helmupgradebot.clean.CleanRun;
import org.helmupgradebot.clean.CleanSettings;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.plan.PlanRow;
import org.helmupgradebot.clean.policy.CleanPolicy;
import org.helmupgradebot.clean.report.CleanReport;
import org.helmupgradebot.clean.testing.RegistryProxy;
import org.helmupgradebot.clean.testing.RegistryProxy.Reply;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.oci.Digests;
import org.helmupgradebot.shared.oci.MediaTypes;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import org.helmupgradebot.shared.testing.DockerRegistryServer;
import org.helmupgradebot.shared.testing.RegistrySeeder;
import org.helmupgradebot.shared.testing.RegistrySeeder.SeededImage;
import org.junit.jupiter.api.Test;

/**
 * The OCI path trusts a manifest only once its bytes hash to its digest, reads each digest's body once however
 * many tags share it, and keeps an image whose sizes are out of range; against the real registry behind a
 * proxy that lies where a test tells it to.
 */
class OciVerificationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    private static final Instant OLD = Instant.parse("2020-01-01T00:00:00Z");

    private static OciRegistryBackend backend(RegistryProxy proxy) {
        return new OciRegistryBackend(new OciRegistryClient(proxy.baseUrl(),
                new RetryingHttpClient(DockerRegistryServer.testOptions())), 4);
    }

    /** Deletes everything older than 30 days, for real. */
    private static CleanReport clean(OciRegistryBackend backend) {
        CleanPolicy policy = new CleanPolicy(OptionalInt.of(30), List.of(), 0, false, OptionalLong.empty());
        return new CleanRun(backend, new CleanSettings(policy, false, 100, 2, Duration.ofMinutes(5)), CLOCK, InventoryProgress.NONE)
                .execute();
    }

    private static Map<String, ManifestRecord> byDigest(List<ManifestRecord> rows) {
        return rows.stream().collect(Collectors.toMap(ManifestRecord::digest, Function.identity()));
    }

    private static Set<String> deleted(CleanReport report) {
        return report.plan().deletions().stream().map(PlanRow::digest).collect(Collectors.toSet());
    }

    @Test
    void tagsPointingAtOneDigestCostAHeadEachAndOneManifestGet() {
        try (DockerRegistryServer registry = DockerRegistryServer.start();
                RegistryProxy proxy = RegistryProxy.start(registry.baseUrl())) {
            RegistrySeeder seeder = new RegistrySeeder(registry.client(), 1);
            SeededImage image = seeder.image("many/tags", OLD, List.of(seeder.layer(1000)),
                    "a", "b", "c", "d", "e", "f", "g", "h");

            List<ManifestRecord> rows = backend(proxy).listManifests("many/tags");

            assertEquals(1, rows.size());
            assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h"), rows.get(0).tags());
            assertEquals(image.totalSize(), rows.get(0).sizeBytes());
            assertEquals(8, proxy.count("HEAD", "manifests"));
            assertEquals(1, proxy.count("GET", "manifests"), "the body once per digest");
            assertEquals(1, proxy.count("GET", "blobs"), "and its config once");
        }
    }

    @Test
    void aBodyThatDoesNotHashToItsDigestIsKeptUnreadAndNeverDeleted() {
        try (DockerRegistryServer registry = DockerRegistryServer.start();
                RegistryProxy proxy = RegistryProxy.start(registry.baseUrl())) {
            RegistrySeeder seeder = new RegistrySeeder(registry.client(), 2);
            SeededImage honest = seeder.image("corrupt/app", OLD, List.of(seeder.layer(1000)), "honest");
            SeededImage corrupt = seeder.image("corrupt/app", OLD, List.of(seeder.layer(1000)), "corrupt");
            byte[] otherBody = registry.client().getManifest("corrupt/app", honest.digest()).orElseThrow().bytes();
            // The registry serves another image's bytes under the corrupt image's digest.
            proxy.override("GET", "/v2/corrupt/app/manifests/" + corrupt.digest(), Reply.of(200, otherBody,
                    "Content-Type", MediaTypes.OCI_MANIFEST, "Docker-Content-Digest", corrupt.digest()));

            OciRegistryBackend backend = backend(proxy);
            ManifestRecord row = byDigest(backend.listManifests("corrupt/app")).get(corrupt.digest());

            assertEquals(List.of("corrupt"), row.tags());
            assertFalse(row.sizeKnown());
            assertTrue(row.problems().get(0).contains("hashes to " + honest.digest()), row.problems().toString());
            CleanReport report = clean(backend);
            assertEquals(Set.of(honest.digest()), deleted(report), "the honest old image goes, the corrupt one stays");
            assertTrue(registry.client().getManifest("corrupt/app", corrupt.digest()).isPresent());
            assertEquals(1, proxy.count("DELETE", "manifests"));
        }
    }

    @Test
    void aDigestHeaderNamingAnotherRepositorysImageIsKeptAndThatDigestNeverDeleted() {
        try (DockerRegistryServer registry = DockerRegistryServer.start();
                RegistryProxy proxy = RegistryProxy.start(registry.baseUrl())) {
            RegistrySeeder seeder = new RegistrySeeder(registry.client(), 3);
            SeededImage elsewhere = seeder.image("other/app", OLD, List.of(seeder.layer(1000)), "x");
            SeededImage mine = seeder.image("mine/app", OLD, List.of(seeder.layer(1000)), "liar");
            byte[] mineBody = registry.client().getManifest("mine/app", mine.digest()).orElseThrow().bytes();
            // Tag "liar" claims the digest of the other repository's image, on HEAD and on GET.
            proxy.override("HEAD", "/v2/mine/app/manifests/liar", Reply.of(200, new byte[0],
                    "Docker-Content-Digest", elsewhere.digest()));
            proxy.override("GET", "/v2/mine/app/manifests/liar", Reply.of(200, mineBody,
                    "Content-Type", MediaTypes.OCI_MANIFEST, "Docker-Content-Digest", elsewhere.digest()));

            OciRegistryBackend backend = backend(proxy);
            ManifestRecord row = byDigest(backend.listManifests("mine/app")).get(elsewhere.digest());

            assertEquals(List.of("liar"), row.tags());
            assertTrue(row.problems().get(0).contains("unreadable"), row.problems().toString());
            CleanReport report = clean(backend);
            assertTrue(report.plan().kept().stream().anyMatch(r -> r.repository().equals("mine/app")
                    && r.digest().equals(elsewhere.digest())));
            assertEquals(Set.of(elsewhere.digest()), deleted(report), "only in other/app, where its body was proved");
            assertEquals(1, proxy.count("DELETE", "manifests"));
            assertTrue(registry.client().getManifest("mine/app", mine.digest()).isPresent());
        }
    }

    @Test
    void aLayerOfTenToTheNineteenBytesMakesTheSizeUnknownAndTheImageKept() {
        try (DockerRegistryServer registry = DockerRegistryServer.start();
                RegistryProxy proxy = RegistryProxy.start(registry.baseUrl())) {
            RegistrySeeder seeder = new RegistrySeeder(registry.client(), 4);
            SeededImage normal = seeder.image("huge/app", OLD, List.of(seeder.layer(1000)), "normal");
            // A manifest no real registry would store: served by the proxy under its true digest.
            String body = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{"
                    + "\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + normal.configDigest()
                    + "\",\"size\":" + normal.configSize() + "},\"layers\":[{\"mediaType\":\""
                    + MediaTypes.OCI_LAYER_TAR + "\",\"digest\":\"" + Digests.sha256(new byte[] {7})
                    + "\",\"size\":10000000000000000000}]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String digest = Digests.sha256(bytes);
            proxy.override("GET", "/v2/huge/app/tags/list", Reply.of(200,
                    "{\"name\":\"huge/app\",\"tags\":[\"normal\",\"huge\"]}".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json"));
            proxy.override("HEAD", "/v2/huge/app/manifests/huge", Reply.of(200, new byte[0],
                    "Docker-Content-Digest", digest));
            proxy.override("GET", "/v2/huge/app/manifests/" + digest, Reply.of(200, bytes,
                    "Content-Type", MediaTypes.OCI_MANIFEST, "Docker-Content-Digest", digest));

            OciRegistryBackend backend = backend(proxy);
            ManifestRecord huge = byDigest(backend.listManifests("huge/app")).get(digest);

            assertFalse(huge.sizeKnown());
            assertEquals(ManifestRecord.SIZE_UNKNOWN, huge.sizeBytes());
            assertTrue(huge.problems().get(0).startsWith("size unknown"), huge.problems().toString());
            CleanReport report = clean(backend);
            assertEquals(Set.of(normal.digest()), deleted(report));
            assertTrue(report.plan().totals().bytesNaive() >= 0 && report.plan().totals().bytesUnique() >= 0);
            assertEquals(normal.totalSize(), report.plan().totals().bytesNaive(), "the unknown size is not summed");
        }
    }
}
