package org.helmupgradebot.shared.oci;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The anonymous bearer-token flow, basic credentials and tag paging, against WireMock on loopback. */
class OciTokenAuthTest {
    private static final String TOKEN = "tok-3f9a8c-secret";
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
        client = new OciRegistryClient(URI.create(wm.baseUrl()), http());
    }

    private RetryingHttpClient http() {
        return new RetryingHttpClient(HttpOptions.defaults().withMaxAttempts(2)
                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(1)), d -> { }, Clock.systemUTC());
    }

    private void challengeWithoutToken(String path) {
        wm.stubFor(get(urlPathEqualTo(path)).atPriority(5).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"" + wm.baseUrl() + "/token\",service=\"test.registry\","
                        + "scope=\"repository:jupyterhub/k8s-hub:pull\"")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}")));
    }

    @Test
    void anonymousTokenIsFetchedUsedAndCachedPerScope() {
        challengeWithoutToken("/v2/jupyterhub/k8s-hub/tags/list");
        wm.stubFor(get(urlPathEqualTo("/v2/jupyterhub/k8s-hub/tags/list")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"name\":\"jupyterhub/k8s-hub\",\"tags\":[\"4.0.0\",\"4.1.0\"]}")));
        wm.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withBody("{\"token\":\"" + TOKEN + "\",\"expires_in\":300}")));

        assertEquals(Optional.of(List.of("4.0.0", "4.1.0")), client.listTags("jupyterhub/k8s-hub"));
        assertEquals(Optional.of(List.of("4.0.0", "4.1.0")), client.listTags("jupyterhub/k8s-hub"));

        wm.verify(1, getRequestedFor(urlEqualTo(
                "/token?service=test.registry&scope=repository%3Ajupyterhub%2Fk8s-hub%3Apull"))
                .withHeader("Authorization", absent()));
        // First call: 401 then retry with the token; second call: the cached token at once.
        wm.verify(1, getRequestedFor(urlPathEqualTo("/v2/jupyterhub/k8s-hub/tags/list"))
                .withHeader("Authorization", absent()));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/v2/jupyterhub/k8s-hub/tags/list"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void expiredTokenIsFetchedAgain() {
        challengeWithoutToken("/v2/jupyterhub/k8s-hub/tags/list");
        // "first" is accepted once, then rejected as expired; "second" is always accepted.
        wm.stubFor(get(urlPathEqualTo("/v2/jupyterhub/k8s-hub/tags/list")).atPriority(1)
                .inScenario("expiry").whenScenarioStateIs(Scenario.STARTED)
                .withHeader("Authorization", equalTo("Bearer first"))
                .willReturn(aResponse().withStatus(200).withBody("{\"tags\":[\"1\"]}"))
                .willSetStateTo("expired"));
        wm.stubFor(get(urlPathEqualTo("/v2/jupyterhub/k8s-hub/tags/list")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer second"))
                .willReturn(aResponse().withStatus(200).withBody("{\"tags\":[\"2\"]}")));
        wm.stubFor(get(urlPathEqualTo("/token")).inScenario("expiry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody("{\"token\":\"first\"}")));
        wm.stubFor(get(urlPathEqualTo("/token")).inScenario("expiry").whenScenarioStateIs("expired")
                .willReturn(aResponse().withStatus(200).withBody("{\"token\":\"second\"}")));
        assertEquals(Optional.of(List.of("1")), client.listTags("jupyterhub/k8s-hub"));
        assertEquals(Optional.of(List.of("2")), client.listTags("jupyterhub/k8s-hub"));
        assertEquals(Optional.of(List.of("2")), client.listTags("jupyterhub/k8s-hub"));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void accessTokenFieldAndBasicCredentialsAtTheTokenEndpoint() {
        OciRegistryClient withCreds = new OciRegistryClient(URI.create(wm.baseUrl()), http(),
                Optional.of(new Credentials("bot", "pw")), 100);
        challengeWithoutToken("/v2/jupyterhub/k8s-hub/tags/list");
        wm.stubFor(get(urlPathEqualTo("/v2/jupyterhub/k8s-hub/tags/list")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(200).withBody("{\"tags\":[\"1\"]}")));
        wm.stubFor(get(urlPathEqualTo("/token")).withHeader("Authorization", equalTo("Basic Ym90OnB3"))
                .willReturn(aResponse().withStatus(200).withBody("{\"access_token\":\"" + TOKEN + "\"}")));
        assertEquals(Optional.of(List.of("1")), withCreds.listTags("jupyterhub/k8s-hub"));
    }

    @Test
    void basicChallengeIsAnsweredWithCredentials() {
        OciRegistryClient withCreds = new OciRegistryClient(URI.create(wm.baseUrl()), http(),
                Optional.of(new Credentials("bot", "pw")), 100);
        wm.stubFor(get(urlPathEqualTo("/v2/r/tags/list")).atPriority(5).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"registry\"")));
        wm.stubFor(get(urlPathEqualTo("/v2/r/tags/list")).atPriority(1)
                .withHeader("Authorization", equalTo("Basic Ym90OnB3"))
                .willReturn(aResponse().withStatus(200).withBody("{\"tags\":[\"x\"]}")));
        assertEquals(Optional.of(List.of("x")), withCreds.listTags("r"));
        assertEquals(Optional.of(List.of("x")), withCreds.listTags("r"));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/v2/r/tags/list")).withHeader("Authorization", absent()));
    }

    @Test
    void rejectedTokenIsUnauthorizedAndNeverPrinted() {
        challengeWithoutToken("/v2/jupyterhub/k8s-hub/tags/list");
        wm.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withBody("{\"token\":\"" + TOKEN + "\"}")));
        HttpFailure f = assertThrows(HttpFailure.class, () -> client.listTags("jupyterhub/k8s-hub"));
        assertEquals(HttpFailure.Kind.UNAUTHORIZED, f.kind());
        assertEquals("GET " + wm.baseUrl() + "/v2/jupyterhub/k8s-hub/tags/list?n=100: 401 Unauthorized (UNAUTHORIZED)",
                f.getMessage());
        assertFalse(f.getMessage().contains(TOKEN));
    }

    @Test
    void tokenEndpointFailureNamesTheTokenUrl() {
        challengeWithoutToken("/v2/jupyterhub/k8s-hub/tags/list");
        wm.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(503).withBody("<html>down</html>")));
        HttpFailure f = assertThrows(HttpFailure.class, () -> client.listTags("jupyterhub/k8s-hub"));
        assertEquals(HttpFailure.Kind.SERVER_ERROR, f.kind());
        assertEquals("GET " + wm.baseUrl() + "/token?service=test.registry&scope=repository%3Ajupyterhub%2Fk8s-hub%3Apull"
                + ": 503 Service Unavailable (after 2 attempts)", f.getMessage());
    }

    @Test
    void tagPagesAreFollowedThroughRelativeAndAbsoluteLinks() {
        wm.stubFor(get(urlEqualTo("/v2/org/app/tags/list?n=2")).willReturn(aResponse().withStatus(200)
                .withHeader("Link", "</v2/org/app/tags/list?last=b&n=2>; rel=\"next\"")
                .withBody("{\"name\":\"org/app\",\"tags\":[\"a\",\"b\"]}")));
        wm.stubFor(get(urlEqualTo("/v2/org/app/tags/list?last=b&n=2")).willReturn(aResponse().withStatus(200)
                .withHeader("Link", "<" + wm.baseUrl() + "/v2/org/app/tags/list?last=d&n=2>; rel=\"next\"")
                .withBody("{\"name\":\"org/app\",\"tags\":[\"c\",\"d\"]}")));
        wm.stubFor(get(urlEqualTo("/v2/org/app/tags/list?last=d&n=2")).willReturn(aResponse().withStatus(200)
                .withBody("{\"name\":\"org/app\",\"tags\":[\"e\"]}")));
        OciRegistryClient paged = new OciRegistryClient(URI.create(wm.baseUrl()), http(), Optional.empty(), 2);
        assertEquals(Optional.of(List.of("a", "b", "c", "d", "e")), paged.listTags("org/app"));
    }

    @Test
    void nullTagsAreAnEmptyList() {
        wm.stubFor(get(urlPathEqualTo("/v2/org/empty/tags/list")).willReturn(aResponse().withStatus(200)
                .withBody("{\"name\":\"org/empty\",\"tags\":null}")));
        assertEquals(Optional.of(List.of()), client.listTags("org/empty"));
    }

    @Test
    void paginationLoopIsAnError() {
        wm.stubFor(get(urlEqualTo("/v2/org/loop/tags/list?n=100")).willReturn(aResponse().withStatus(200)
                .withHeader("Link", "</v2/org/loop/tags/list?n=100>; rel=\"next\"").withBody("{\"tags\":[\"a\"]}")));
        HttpFailure f = assertThrows(HttpFailure.class, () -> client.listTags("org/loop"));
        assertEquals(HttpFailure.Kind.BAD_RESPONSE, f.kind());
    }
}
