package org.helmupgradebot.clean.inventory.acr;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.inventory.RegistryBackend.DeleteOutcome;
import org.helmupgradebot.clean.inventory.RegistryException;
import org.helmupgradebot.clean.inventory.UnreadableAnswerException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ACR backend through the real SDK against WireMock answering like the recorded ACR exchanges. */
class AcrRegistryBackendTest {
    static final String HELLO_WORLD_INDEX = "sha256:5122f6204b6a3596e048758cabba3c46b1c937a46b5be6225b835d091b90e46c";

    static AcrFake fake;

    @BeforeAll
    static void start() {
        fake = new AcrFake();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @AfterAll
    static void stop() {
        if (fake != null) { // null when the fixtures are absent and the class was skipped
            fake.close();
        }
    }

    @Test
    void listsRepositoriesAcrossLinkPagesAfterTheTokenExchange() {
        AcrFake.calls("acr-api/01-acr-v1-catalog-paged.json").forEach(fake::stub);

        List<String> repositories = fake.backend().listRepositories();

        assertEquals(List.of("library/alpine", "library/hello-seattle", "library/hello-world"), repositories);
        fake.server.verify(postRequestedFor(urlPathEqualTo("/oauth2/exchange"))
                .withRequestBody(containing("access_token=" + AcrFake.AAD_TOKEN)));
        fake.server.verify(postRequestedFor(urlPathEqualTo("/oauth2/token"))
                .withRequestBody(containing("grant_type=refresh_token")));
    }

    @Test
    void listsEveryManifestAcrossPagesWithTagsDatesSizesAndLocksAndKeepsThoseWithoutABody() {
        stubHelloWorldManifests(fake, Map.of());

        List<ManifestRecord> records = fake.backend().listManifests("library/hello-world");

        Map<String, ManifestRecord> byDigest =
                records.stream().collect(Collectors.toMap(ManifestRecord::digest, Function.identity()));
        assertEquals(6, records.size());
        ManifestRecord index = byDigest.get(HELLO_WORLD_INDEX);
        assertEquals(List.of("latest", "v1", "v2", "v3", "v4"), index.tags());
        assertEquals(5325, index.sizeBytes());
        assertEquals(Instant.parse("2021-05-17T22:28:14.7976969Z"), index.lastUpdated().orElseThrow());
        ManifestRecord arm = byDigest.get("sha256:e5785cb0c62cebbed4965129bae371f0589cadd6d84798fb58c2c5f9e237efd9");
        assertEquals(525, arm.sizeBytes());
        assertTrue(arm.tags().isEmpty());
        assertTrue(arm.deleteEnabled() && arm.writeEnabled());
        // The recordings hold no /v2/ bodies: no blob list can be read, so every row is kept and says why.
        for (ManifestRecord r : records) {
            assertTrue(r.blobs().isEmpty());
            assertEquals(1, r.problems().size(), r.problems().toString());
            assertTrue(r.problems().get(0).contains("its body is not at /v2/library/hello-world/manifests/"),
                    r.problems().get(0));
        }
    }

    @Test
    void deleteIsDeletedThenAlreadyGoneAsRecorded() {
        List<JsonNode> calls = AcrFake.calls("acr-api/04-v2-delete-manifest-202-then-404.json");
        JsonNode first = calls.get(0);
        JsonNode again = calls.get(2);
        fake.server.stubFor(AcrFake.matching("DELETE", first.get("uri").asText())
                .inScenario("delete").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("gone")
                .willReturn(AcrFake.response(first, null)));
        fake.server.stubFor(AcrFake.matching("DELETE", again.get("uri").asText())
                .inScenario("delete").whenScenarioStateIs("gone")
                .willReturn(AcrFake.response(again, AcrFake.bodyText(again))));
        AcrRegistryBackend backend = fake.backend();
        String digest = "sha256:def822f9851ca422481ec6fee59a9966f12b351c62ccb9aca841526ffaa9f748";

        assertEquals(DeleteOutcome.DELETED, backend.delete("library/alpine", digest));
        assertEquals(DeleteOutcome.ALREADY_GONE, backend.delete("library/alpine", digest));
        fake.server.verify(2, deleteRequestedFor(urlPathMatching("/v2/library(%2F|/)alpine/manifests/" + digest))
                .withHeader("Authorization", equalTo("Bearer " + AcrFake.ACCESS_TOKEN)));
    }

    @Test
    void deleteOfARecordedIndexChildIsAccepted() {
        JsonNode delete = AcrFake.calls("acr-api/05-acr-v1-manifest-list-alpine-and-delete-child.json").get(2);
        fake.stub(delete);

        assertEquals(DeleteOutcome.DELETED, fake.backend().delete("library/alpine",
                "sha256:1e014f84205d569a5cc3be4e108ca614055f7e21d11928946113ab3f36054801"));
    }

    @Test
    void deletionDisabledIsA405WithAClearMessage() {
        JsonNode recorded = AcrFake.calls("acr-api/04-v2-delete-manifest-202-then-404.json").get(0);
        fake.server.stubFor(AcrFake.matching("DELETE", recorded.get("uri").asText())
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(405)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"The operation is unsupported.\"}]}")));

        RegistryException e = assertThrows(RegistryException.class, () -> fake.backend().delete("library/alpine",
                "sha256:def822f9851ca422481ec6fee59a9966f12b351c62ccb9aca841526ffaa9f748"));

        assertEquals(405, e.status());
        assertTrue(e.getMessage().contains("deletion is disabled"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void badCredentialsStopWithOneLineThatLeaksNoToken() {
        // Every call stays unauthorised: the exchange itself is refused.
        fake.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/oauth2/exchange"))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad token\"}]}")));

        RegistryException e = assertThrows(RegistryException.class, () -> fake.backend().listRepositories());
        fake.server.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/exchange")));

        assertEquals(401, e.status());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains(AcrFake.AAD_TOKEN), e.getMessage());
        assertTrue(e.getMessage().contains("listing repositories on " + fake.endpoint()), e.getMessage());
    }

    @Test
    void aRateLimitedDeleteIsRetriedAfterRetryAfter() {
        JsonNode recorded = AcrFake.calls("acr-api/04-v2-delete-manifest-202-then-404.json").get(0);
        String uri = recorded.get("uri").asText();
        fake.server.stubFor(AcrFake.matching("DELETE", uri).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"too many requests\"}]}")));
        fake.server.stubFor(AcrFake.matching("DELETE", uri).inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(AcrFake.response(recorded, null)));
        long start = System.nanoTime();

        DeleteOutcome outcome = fake.backend().delete("library/alpine",
                "sha256:def822f9851ca422481ec6fee59a9966f12b351c62ccb9aca841526ffaa9f748");

        assertEquals(DeleteOutcome.DELETED, outcome);
        assertTrue(System.nanoTime() - start >= 900_000_000L, "waited for Retry-After");
    }

    @Test
    void aTimestampThatDoesNotParseSkipsTheRepositoryWithAClearLine() {
        JsonNode page = AcrFake.calls("acr-api/02-acr-v1-manifests-timeasc-paged.json").get(2);
        ObjectNode body = (ObjectNode) page.get("body").deepCopy();
        ((ObjectNode) body.get("manifests").get(1)).put("lastUpdateTime", "yesterday");
        ((ObjectNode) body.get("manifests").get(1)).put("createdTime", "yesterday");
        fake.stubAt(page, "https://x/acr/v1/library%2Fhello-world/_manifests?n=2&orderby=timeasc", body.toString());
        fake.stub(AcrFake.calls("acr-api/03-acr-v1-tag-and-manifest-properties.json").get(1));

        // The SDK refuses the whole page, so the repository is skipped (nothing in it deleted) and the run goes on.
        UnreadableAnswerException e = assertThrows(UnreadableAnswerException.class,
                () -> fake.backend().listManifests("library/hello-world"));

        assertTrue(e.getMessage().startsWith("listing manifests of library/hello-world on " + fake.endpoint()
                + " failed: could not read the answer ("), e.getMessage());
        assertTrue(e.getMessage().contains("yesterday"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aServerErrorReadingABodyStopsWithItsStatusAfterTheSharedClientsRetries() {
        stubHelloWorldManifests(fake, Map.of());
        fake.server.stubFor(AcrFake.matching("GET", "https://x/v2/library/hello-world/manifests/" + HELLO_WORLD_INDEX)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(500)
                        .withHeader("Content-Type", "text/plain").withBody("upstream broke\n")));

        RegistryException e = assertThrows(RegistryException.class,
                () -> fake.backend().listManifests("library/hello-world"));

        assertEquals(500, e.status());
        assertTrue(e.getMessage().startsWith("reading library/hello-world@" + HELLO_WORLD_INDEX + " on "
                + fake.endpoint() + " failed: GET "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        fake.server.verify(3, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathMatching(".*/manifests/" + HELLO_WORLD_INDEX))
                .withHeader("Authorization", equalTo("Bearer " + AcrFake.ACCESS_TOKEN)));
    }

    /**
     * Stubs the recorded manifest pages of library/hello-world (02), with the given digests' attributes
     * overridden. The recording kept pages 1, 2 and the last: the last page is served where page 2's Link points.
     */
    static void stubHelloWorldManifests(AcrFake fake, Map<String, Map<String, Boolean>> attributeOverrides) {
        List<JsonNode> pages = AcrFake.calls("acr-api/02-acr-v1-manifests-timeasc-paged.json");
        for (int i = 0; i < pages.size(); i++) {
            JsonNode page = pages.get(i);
            ObjectNode body = (ObjectNode) page.get("body").deepCopy();
            body.get("manifests").forEach(m -> attributeOverrides.getOrDefault(m.get("digest").asText(), Map.of())
                    .forEach((k, v) -> ((ObjectNode) m.get("changeableAttributes")).put(k, v)));
            String uri = page.get("uri").asText();
            if (i == 2) {
                String link = pages.get(1).get("headers").get("Link").asText();
                uri = "https://REDACTED.azurecr.io" + link.substring(1, link.indexOf('>'));
            }
            fake.stubAt(page, uri, body.toString());
        }
    }
}
