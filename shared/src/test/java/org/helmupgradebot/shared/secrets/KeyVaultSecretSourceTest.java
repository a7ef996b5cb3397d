package org.helmupgradebot.shared.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The real SecretClient against an HTTPS WireMock on loopback playing Key Vault's challenge flow:
 * 401 with a Bearer challenge, a token for the challenge's resource and tenant, then the secret.
 */
class KeyVaultSecretSourceTest {
    private static final String TENANT = "8f3e36ab-1c2d-4e5f-9a0b-123456789abc";
    private static final String ACCESS_TOKEN = "eyJ0eXAiOiJKV1Qi.loopback-access-token.sig";
    private static final String SECRET_VALUE = "ghp_" + UUID.randomUUID().toString().replace("-", "") + "XyZ";

    @TempDir
    static Path tmp;
    static LoopbackTls tls;

    WireMockServer vault;
    URI vaultUrl;
    final List<TokenRequestContext> tokenRequests = new CopyOnWriteArrayList<>();
    final Redactor redactor = new Redactor();

    /** Stands in for the managed identity: records what the challenge asked for and returns a token. */
    final TokenCredential credential = ctx -> {
        tokenRequests.add(ctx);
        return Mono.just(new AccessToken(ACCESS_TOKEN, OffsetDateTime.now().plusHours(1)));
    };

    @BeforeAll
    static void certificate() throws Exception {
        // The SDK logs verbosely to the console; the leak test below captures that output.
        System.setProperty("AZURE_LOG_LEVEL", "verbose");
        tls = LoopbackTls.create(tmp);
    }

    @org.junit.jupiter.api.AfterAll
    static void quiet() {
        System.clearProperty("AZURE_LOG_LEVEL");
    }

    @BeforeEach
    void startVault() {
        vault = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").httpDisabled(true)
                .dynamicHttpsPort().keystorePath(tls.keystorePath()).keystoreType("PKCS12")
                .keystorePassword(LoopbackTls.PASSWORD).keyManagerPassword(LoopbackTls.PASSWORD));
        vault.start();
        vaultUrl = URI.create("https://127.0.0.1:" + vault.httpsPort() + "/");
        String bearer = "Bearer " + ACCESS_TOKEN;
        // Key Vault answers an unauthenticated request with its challenge.
        vault.stubFor(get(urlPathMatching("/secrets/.*")).withHeader("Authorization", absent()).atPriority(1)
                .willReturn(aResponse().withStatus(401)
                        .withHeader("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/"
                                + TENANT + "\", resource=\"https://vault.azure.net\"")
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"error\":{\"code\":\"Unauthorized\",\"message\":\"AKV10000: Request is missing a Bearer or PoP token.\"}}")));
        vault.stubFor(get(urlPathMatching("/secrets/github-token/?")).withHeader("Authorization", equalTo(bearer))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"value\":\"" + SECRET_VALUE + "\",\"id\":\"" + vaultUrl
                                + "secrets/github-token/4387e9f3d6e14c459867679a90fd0f79\",\"attributes\":{\"enabled\":true,"
                                + "\"created\":1732230000,\"updated\":1732230000,\"recoveryLevel\":\"Recoverable+Purgeable\"},\"tags\":{}}")));
        vault.stubFor(get(urlPathMatching("/secrets/missing-token/?")).withHeader("Authorization", equalTo(bearer))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"error\":{\"code\":\"SecretNotFound\",\"message\":\"A secret with (name/id) missing-token was not found in this key vault.\"}}")));
        vault.stubFor(get(urlPathMatching("/secrets/forbidden-token/?")).withHeader("Authorization", equalTo(bearer))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"Caller is not authorized to perform action on resource.\",\"innererror\":{\"code\":\"ForbiddenByRbac\"}}}")));
    }

    @AfterEach
    void stopVault() {
        vault.stop();
    }

    private KeyVaultSecretSource source(URI url, TokenCredential cred) throws Exception {
        // The production builder, plus the loopback trust and, because the host is 127.0.0.1 and not
        // *.vault.azure.net, without the check that the challenge's resource matches the vault's domain.
        return new KeyVaultSecretSource(url, KeyVaultSecretSource.clientBuilder(url, cred)
                .httpClient(tls.httpClient()).disableChallengeResourceVerification().buildClient(), redactor);
    }

    @Test
    void readsTheSecretThroughTheChallengeFlow() throws Exception {
        Secret secret = source(vaultUrl, credential).get("github-token");

        assertEquals(SECRET_VALUE, secret.value());
        assertEquals("github-token", secret.name());
        assertFalse(secret.toString().contains(SECRET_VALUE), secret.toString());
        // The token was asked for the challenge's resource and tenant...
        assertEquals(1, tokenRequests.size());
        assertEquals(List.of("https://vault.azure.net/.default"), tokenRequests.get(0).getScopes());
        assertEquals(TENANT, tokenRequests.get(0).getTenantId());
        // ...after one unauthenticated request, and then sent as a bearer token.
        vault.verify(1, getRequestedFor(urlPathMatching("/secrets/github-token/?")).withHeader("Authorization", absent()));
        vault.verify(1, getRequestedFor(urlPathMatching("/secrets/github-token/?"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        // The value is now known to the redactor.
        assertEquals("token=" + Redactor.MASK, redactor.redact("token=" + SECRET_VALUE));
    }

    @Test
    void missingSecretIsOneClearLine() throws Exception {
        SecretException e = assertThrows(SecretException.class, () -> source(vaultUrl, credential).get("missing-token"));
        assertEquals("Key Vault " + vaultUrl + ": secret 'missing-token' not found", e.getMessage());
    }

    @Test
    void forbiddenIsOneClearLineNamingTheRole() throws Exception {
        SecretException e = assertThrows(SecretException.class, () -> source(vaultUrl, credential).get("forbidden-token"));
        assertEquals("Key Vault " + vaultUrl + ": access to secret 'forbidden-token' denied (403); give this app's "
                + "identity the Key Vault Secrets User role on the vault", e.getMessage());
    }

    @Test
    void unreachableVaultIsOneClearLine() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        URI nowhere = URI.create("https://127.0.0.1:" + closedPort + "/");
        SecretException e = assertThrows(SecretException.class, () -> source(nowhere, credential).get("github-token"));
        assertEquals("Key Vault " + nowhere + ": unreachable reading secret 'github-token' (connection refused)",
                e.getMessage());
    }

    @Test
    void credentialFailureIsOneClearLine() throws Exception {
        TokenCredential broken = ctx -> Mono.error(new ClientAuthenticationException(
                "ManagedIdentityCredential authentication unavailable. No managed identity endpoint found.\nMore lines", null));
        SecretException e = assertThrows(SecretException.class, () -> source(vaultUrl, broken).get("github-token"));
        assertEquals("Key Vault " + vaultUrl + ": could not get a token to read secret 'github-token': "
                + "ManagedIdentityCredential authentication unavailable. No managed identity endpoint found.", e.getMessage());
    }

    @Test
    void theSecretNeverAppearsInLogsOrMessages() throws Exception {
        String printed;
        try (CapturedOutput out = new CapturedOutput()) {
            KeyVaultSecretSource source = source(vaultUrl, credential);
            Secret secret = source.get("github-token");
            System.out.println("read " + secret);
            for (String name : List.of("missing-token", "forbidden-token")) {
                SecretException e = assertThrows(SecretException.class, () -> source.get(name));
                System.err.println(e.getMessage());
            }
            printed = out.text();
        }
        assertTrue(printed.contains("read Secret[github-token=***]"), printed);
        assertTrue(printed.contains("secret 'missing-token' not found"), printed);
        assertFalse(printed.contains(SECRET_VALUE), "the secret value was printed:\n" + printed);
        assertFalse(printed.contains(ACCESS_TOKEN), "the access token was printed:\n" + printed);
    }
}
