package org.helmupgradebot.shared.oci;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Manifests are trusted only once their bytes hash to their digest; HEAD resolves a tag; caller-supplied tokens. */
class ManifestDigestTest {
    private static final byte[] BODY = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String REAL = Digests.sha256(BODY);
    private static final String OTHER = Digests.sha256("another image".getBytes(StandardCharsets.UTF_8));
    private static WireMockServer wm;
    private OciRegistryClient client;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void fresh() {
        wm.resetAll();
        client = new OciRegistryClient(URI.create(wm.baseUrl()), new RetryingHttpClient(HttpOptions.defaults()
                .withMaxAttempts(1), d -> { }, Clock.systemUTC()));
    }

    private void serve(String reference, String digestHeader) {
        wm.stubFor(get(urlPathEqualTo("/v2/app/manifests/" + reference)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .withHeader("Docker-Content-Digest", digestHeader).withBody(BODY)));
    }

    @Test
    void byTagTheHeaderDigestMustMatchTheBody() {
        serve("honest", REAL);
        serve("lying", OTHER);

        assertEquals(REAL, client.getManifest("app", "honest").orElseThrow().digest());
        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> client.getManifest("app", "lying"));

        assertEquals(OTHER, e.claimed());
        assertEquals(REAL, e.computed());
        assertTrue(e.getMessage().contains("does not match its digest " + OTHER), e.getMessage());
    }

    @Test
    void byDigestTheBodyMustHashToIt() {
        serve(OTHER, OTHER);

        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> client.getManifest("app", OTHER));

        assertEquals(REAL, e.computed());
    }

    @Test
    void aDigestOfAnUnknownAlgorithmCannotBeVerifiedSoIsNotTrusted() {
        String odd = "md5:" + "0".repeat(32);
        serve("odd", odd);

        assertThrows(DigestMismatchException.class, () -> client.getManifest("app", "odd"));
    }

    @Test
    void headGivesTheDigestWithoutTheBodyAndFallsBackToAGetWithoutTheHeader() {
        wm.stubFor(head(urlPathEqualTo("/v2/app/manifests/v1")).willReturn(aResponse().withStatus(200)
                .withHeader("Docker-Content-Digest", REAL)));
        wm.stubFor(head(urlPathEqualTo("/v2/app/manifests/v2")).willReturn(aResponse().withStatus(200)));
        wm.stubFor(get(urlPathEqualTo("/v2/app/manifests/v2")).willReturn(aResponse().withStatus(200).withBody(BODY)));
        wm.stubFor(head(urlPathEqualTo("/v2/app/manifests/gone")).willReturn(aResponse().withStatus(404)));

        assertEquals(Optional.of(REAL), client.manifestDigest("app", "v1"));
        assertEquals(Optional.of(REAL), client.manifestDigest("app", "v2"));
        assertEquals(Optional.empty(), client.manifestDigest("app", "gone"));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/v2/app/manifests/v1")));
    }

    @Test
    void callerSuppliedTokensGoWithEveryRequestAndA401GetsOneFreshTokenForTheChallengedScope() {
        List<String> asked = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        BearerTokens tokens = new BearerTokens() {
            @Override
            public String token(String scope) {
                asked.add(scope);
                return "t" + asked.size();
            }

            @Override
            public void refused(String scope) {
                refused.add(scope);
            }
        };
        client = new OciRegistryClient(URI.create(wm.baseUrl()), new RetryingHttpClient(HttpOptions.defaults()
                .withMaxAttempts(1), d -> { }, Clock.systemUTC()), tokens, 100);
        wm.stubFor(get(urlPathEqualTo("/v2/app/manifests/" + REAL)).atPriority(5).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"https://elsewhere.example/token\",service=\"x\","
                        + "scope=\"repository:app:pull,metadata_read\"")));
        wm.stubFor(get(urlPathEqualTo("/v2/app/manifests/" + REAL)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer t2")).willReturn(aResponse().withStatus(200).withBody(BODY)));

        assertEquals(REAL, client.getManifest("app", REAL).orElseThrow().digest());

        assertEquals(List.of("repository:app:pull", "repository:app:pull,metadata_read"), asked);
        assertEquals(List.of("repository:app:pull"), refused);
        assertEquals(0, wm.findAll(getRequestedFor(urlPathEqualTo("/token"))).size(), "the realm is never followed");
    }
}
