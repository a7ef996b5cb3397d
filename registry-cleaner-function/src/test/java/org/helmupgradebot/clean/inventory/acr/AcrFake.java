package org.helmupgradebot.clean.inventory.acr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.testing.DockerRegistryServer;
import org.helmupgradebot.shared.testing.Fixtures;
import reactor.core.publisher.Mono;

/**
 * WireMock on loopback answering like the ACR recordings in fixtures/acr-api: the 401 challenge, the token
 * exchange of 07, then the recorded calls, each only for a request carrying the access token the exchange
 * handed out. (Plain HTTP: the backend signs requests itself, so the SDK's HTTPS-only token policy is not used.)
 */
final class AcrFake implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String AAD_TOKEN = "aad-test-token";
    // The recordings' tokens were "REDACTED" upstream; the SDK reads a JWT's exp, so stand-ins carry one.
    static final String REFRESH_TOKEN = jwt("refresh");
    static final String ACCESS_TOKEN = jwt("access");

    final WireMockServer server;

    AcrFake() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        reset();
    }

    /** Forgets all stubs and requests, then installs the challenge and the token exchange again. */
    void reset() {
        server.resetAll();
        String host = "localhost";
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"" + endpoint() + "/oauth2/token\",service=\""
                        + host + "\",scope=\"registry:catalog:*\"")
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}")));
        // The recordings hold no /v2/ manifest bodies: as if each was deleted after the listing (the rows are kept).
        JsonNode unknown = calls("acr-api/04-v2-delete-manifest-202-then-404.json").get(1);
        server.stubFor(request("GET", urlPathMatching("/v2/.+/manifests/sha256:[0-9a-f]{64}")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(response(unknown, bodyText(unknown))));
        for (JsonNode call : calls("acr-api/07-oauth2-exchange-and-token.json")) {
            ObjectNode body = (ObjectNode) call.get("body").deepCopy();
            if (body.has("refresh_token")) {
                body.put("refresh_token", REFRESH_TOKEN);
            }
            if (body.has("access_token")) {
                body.put("access_token", ACCESS_TOKEN);
            }
            String path = URI.create(call.get("uri").asText()).getRawPath();
            server.stubFor(post(urlPathEqualTo(path)).atPriority(1).willReturn(response(call, body.toString())));
        }
    }

    String endpoint() {
        return "http://localhost:" + server.port();
    }

    /** The backend under test, with the page sizes of the recordings (catalog 1, manifests 2). */
    AcrRegistryBackend backend() {
        return AcrRegistryBackend.create(endpoint(), new TestCredential(), null,
                new RetryingHttpClient(DockerRegistryServer.testOptions()), 1, 2, 4);
    }

    static List<JsonNode> calls(String fixture) {
        Path file = Fixtures.path(fixture);
        try {
            List<JsonNode> calls = new ArrayList<>();
            JSON.readTree(file.toFile()).get("calls").forEach(calls::add);
            return calls;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read fixture " + file, e);
        }
    }

    /** Stubs one recorded call at its recorded path and query. */
    void stub(JsonNode call) {
        stubAt(call, call.get("uri").asText());
    }

    /** Stubs one recorded response at another URI (the recording left out the pages in between). */
    void stubAt(JsonNode call, String uri) {
        stubAt(call, uri, null);
    }

    void stubAt(JsonNode call, String uri, String replacementBody) {
        server.stubFor(matching(call.get("method").asText(), uri)
                .willReturn(response(call, replacementBody != null ? replacementBody : bodyText(call))));
    }

    static MappingBuilder matching(String method, String uri) {
        URI u = URI.create(uri);
        MappingBuilder mapping = request(method, urlPathEqualTo(u.getRawPath())).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN));
        if (u.getRawQuery() != null) {
            for (String pair : u.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("api-version")) {
                    continue; // the SDK version under test may send another api-version
                }
                mapping.withQueryParam(kv[0], equalTo(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""));
            }
        }
        return mapping;
    }

    static String bodyText(JsonNode call) {
        JsonNode body = call.get("body");
        if (body == null || body.isNull()) {
            return null;
        }
        return body.isTextual() ? body.asText() : body.toString();
    }

    static ResponseDefinitionBuilder response(JsonNode call, String body) {
        ResponseDefinitionBuilder r = aResponse().withStatus(call.get("status").asInt());
        JsonNode headers = call.get("headers");
        if (headers != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                if (!h.getKey().startsWith("_") && !h.getKey().equalsIgnoreCase("content-length")) {
                    r.withHeader(h.getKey(), h.getValue().asText());
                }
            }
            if (!headers.has("Content-Type") && body != null) {
                r.withHeader("Content-Type", "application/json; charset=utf-8");
            }
        } else if (body != null) {
            r.withHeader("Content-Type", "application/json; charset=utf-8");
        }
        if (body != null) {
            r.withBody(body);
        }
        return r;
    }

    private static String jwt(String purpose) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = OffsetDateTime.now().plusHours(2).toEpochSecond();
        String payload = b64.encodeToString(("{\"exp\":" + exp + ",\"sub\":\"" + purpose + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".c2ln";
    }

    /** Stands in for an Azure AD credential. */
    static final class TestCredential implements TokenCredential {
        @Override
        public Mono<AccessToken> getToken(com.azure.core.credential.TokenRequestContext request) {
            return Mono.just(getTokenSync(request));
        }

        @Override
        public AccessToken getTokenSync(com.azure.core.credential.TokenRequestContext request) {
            return new AccessToken(AAD_TOKEN, OffsetDateTime.now().plusHours(1));
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
