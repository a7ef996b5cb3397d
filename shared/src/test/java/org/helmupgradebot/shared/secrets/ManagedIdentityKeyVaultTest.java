package org.helmupgradebot.shared.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helmupgradebot.shared.testing.TestSecrets;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production managed-identity credential against loopback stand-ins of both ends: the App Service /
 * Functions identity endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER, which the platform sets in the
 * environment, so the probe runs in a child JVM with that environment) and Key Vault's challenge flow.
 */
class ManagedIdentityKeyVaultTest {
    static final String IDENTITY_HEADER = "b2a9f1c4-identity-header";
    static final String ACCESS_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOi.managed-identity-token.sig";
    static final String SECRET = TestSecrets.githubToken();

    @TempDir
    Path tmp;
    WireMockServer identity;
    WireMockServer vault;

    @BeforeEach
    void start() throws Exception {
        LoopbackTls tls = LoopbackTls.create(tmp);
        identity = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        identity.start();
        identity.stubFor(get(urlPathEqualTo("/msi/token")).withHeader("X-IDENTITY-HEADER", equalTo(IDENTITY_HEADER))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_on\":\""
                                + (Instant.now().getEpochSecond() + 3600) + "\",\"resource\":\"https://vault.azure.net\","
                                + "\"token_type\":\"Bearer\",\"client_id\":\"0d5c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b\"}")));
        vault = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                .keystorePath(tls.keystorePath()).keystoreType("PKCS12")
                .keystorePassword(LoopbackTls.PASSWORD).keyManagerPassword(LoopbackTls.PASSWORD));
        vault.start();
        vault.stubFor(get(urlPathMatching("/secrets/.*")).withHeader("Authorization", absent()).atPriority(1)
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate",
                        "Bearer authorization=\"https://login.microsoftonline.com/8f3e36ab-1c2d-4e5f-9a0b-123456789abc\", "
                                + "resource=\"https://vault.azure.net\"")));
        vault.stubFor(get(urlPathMatching("/secrets/github-token/?")).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"value\":\"" + SECRET + "\",\"id\":\"https://127.0.0.1/secrets/github-token/1\","
                                + "\"attributes\":{\"enabled\":true}}")));
    }

    @AfterEach
    void stop() {
        if (identity != null) {
            identity.stop();
        }
        if (vault != null) {
            vault.stop();
        }
    }

    @Test
    void theFunctionsManagedIdentityFetchesTheVaultToken() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                ManagedIdentityProbe.class.getName(), "https://127.0.0.1:" + vault.httpsPort() + "/",
                tmp.resolve("loopback.p12").toString(), "github-token"))
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("IDENTITY_") || k.startsWith("MSI_") || k.startsWith("AZURE_")
                || k.equals("IMDS_ENDPOINT") || k.equals("IDENTITY_SERVER_THUMBPRINT"));
        pb.environment().put("IDENTITY_ENDPOINT", "http://127.0.0.1:" + identity.port() + "/msi/token");
        pb.environment().put("IDENTITY_HEADER", IDENTITY_HEADER);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe did not finish");

        assertTrue(out.contains("PROBE read Secret[github-token=***] length " + SECRET.length() + " masked x***x"), out);
        assertFalse(out.contains(SECRET), "the secret was printed:\n" + out);
        assertFalse(out.contains(ACCESS_TOKEN), "the token was printed:\n" + out);
        // The identity endpoint was asked for a Key Vault token, with the platform's header.
        identity.verify(getRequestedFor(urlPathEqualTo("/msi/token"))
                .withQueryParam("resource", equalTo("https://vault.azure.net"))
                .withHeader("X-IDENTITY-HEADER", equalTo(IDENTITY_HEADER)));
        assertEquals(1, vault.countRequestsMatching(getRequestedFor(urlPathMatching("/secrets/github-token/?"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)).build()).getCount());
    }
}
