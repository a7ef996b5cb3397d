package org.helmupgradebot.shared.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.helmupgradebot.shared.secrets.LoopbackTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** The real blob client writing reports to an HTTPS WireMock standing in for Blob storage on loopback. */
class BlobReportSinkTest {
    private static final String TOKEN = "storage-access-token-for-test";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:15:07Z"), ZoneOffset.UTC);

    @TempDir
    static Path tmp;
    static LoopbackTls tls;

    WireMockServer storage;
    URI container;
    final List<TokenRequestContext> tokenRequests = new CopyOnWriteArrayList<>();
    final TokenCredential credential = ctx -> {
        tokenRequests.add(ctx);
        return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
    };
    final JobReport report = new JobReport("helm-upgrade", 0, "2 targets, 1 PR", "# helm-upgrade\n\n1 PR",
            "{\"job\":\"helm-upgrade\",\"prs\":1}");

    @BeforeAll
    static void certificate() throws Exception {
        tls = LoopbackTls.create(tmp);
    }

    @BeforeEach
    void start() {
        storage = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").httpDisabled(true)
                .dynamicHttpsPort().keystorePath(tls.keystorePath()).keystoreType("PKCS12")
                .keystorePassword(LoopbackTls.PASSWORD).keyManagerPassword(LoopbackTls.PASSWORD));
        storage.start();
        // An IP-style URL, as for Azurite: the account name comes first in the path.
        container = URI.create("https://127.0.0.1:" + storage.httpsPort() + "/devstoreaccount1/reports");
    }

    @AfterEach
    void stop() {
        storage.stop();
    }

    private BlobReportSink sink() throws Exception {
        return new BlobReportSink(container, BlobReportSink.clientBuilder(container, credential)
                .httpClient(tls.httpClient()).buildClient(), CLOCK);
    }

    @Test
    void writesMarkdownAndJsonNamedByJobAndTime() throws Exception {
        storage.stubFor(put(urlPathMatching("/devstoreaccount1/reports/.*"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(201).withHeader("ETag", "\"0x8DD0A1B2C3D4E5F\"")
                        .withHeader("Last-Modified", "Sun, 22 Nov 2026 00:15:08 GMT")
                        .withHeader("x-ms-request-server-encrypted", "true")));

        List<String> written = sink().write(report);

        // The SDK escapes the '/' in a blob name; the service stores it as a virtual folder.
        assertEquals(List.of("helm-upgrade/2026-11-22T001507Z.md", "helm-upgrade/2026-11-22T001507Z.json"), written);
        storage.verify(putRequestedFor(urlPathEqualTo("/devstoreaccount1/reports/helm-upgrade%2F2026-11-22T001507Z.md"))
                .withHeader("x-ms-blob-type", equalTo("BlockBlob"))
                .withHeader("x-ms-blob-content-type", equalTo("text/markdown; charset=utf-8"))
                .withRequestBody(equalTo("# helm-upgrade\n\n1 PR")));
        storage.verify(putRequestedFor(urlPathEqualTo("/devstoreaccount1/reports/helm-upgrade%2F2026-11-22T001507Z.json"))
                .withHeader("x-ms-blob-content-type", equalTo("application/json; charset=utf-8"))
                .withRequestBody(equalTo("{\"job\":\"helm-upgrade\",\"prs\":1}")));
        assertEquals(List.of("https://storage.azure.com/.default"), tokenRequests.get(0).getScopes());
    }

    @Test
    void attachmentsAreStoredBesideTheMarkdownWhichLinksThemThere() throws Exception {
        storage.stubFor(put(urlPathMatching("/devstoreaccount1/reports/.*"))
                .willReturn(aResponse().withStatus(201).withHeader("ETag", "\"0x8DD0A1B2C3D4E5F\"")));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        JobReport withChart = new JobReport("registry-cleaner", 0, "t", "# clean\n\n![chart](bytes-by-age.png)\n", "{}",
                List.of(new JobReport.Attachment("bytes-by-age.png", "image/png", png)));

        List<String> written = sink().write(withChart);

        assertEquals(List.of("registry-cleaner/2026-11-22T001507Z-bytes-by-age.png", "registry-cleaner/2026-11-22T001507Z.md",
                "registry-cleaner/2026-11-22T001507Z.json"), written);
        storage.verify(putRequestedFor(urlPathEqualTo(
                "/devstoreaccount1/reports/registry-cleaner%2F2026-11-22T001507Z-bytes-by-age.png"))
                .withHeader("x-ms-blob-content-type", equalTo("image/png"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo(png)));
        storage.verify(putRequestedFor(urlPathEqualTo("/devstoreaccount1/reports/registry-cleaner%2F2026-11-22T001507Z.md"))
                .withRequestBody(equalTo("# clean\n\n![chart](2026-11-22T001507Z-bytes-by-age.png)\n")));
    }

    @Test
    void anAttachmentNameIsABareFileName() {
        assertThrows(IllegalArgumentException.class, () -> new JobReport.Attachment("../x.png", "image/png", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new JobReport.Attachment("a/b.png", "image/png", new byte[0]));
    }

    @Test
    void deniedWriteIsOneLineNamingTheRole() throws Exception {
        storage.stubFor(put(urlPathMatching("/devstoreaccount1/reports/.*"))
                .willReturn(aResponse().withStatus(403).withHeader("x-ms-error-code", "AuthorizationPermissionMismatch")
                        .withHeader("Content-Type", "application/xml")
                        .withBody("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthorizationPermissionMismatch</Code>"
                                + "<Message>This request is not authorized to perform this operation using this permission.</Message></Error>")));

        ReportSinkException e = assertThrows(ReportSinkException.class, () -> sink().write(report));
        assertEquals("report container " + container + ": could not write 'helm-upgrade/2026-11-22T001507Z.md': denied (403); "
                + "give this app's identity the Storage Blob Data Contributor role on the container", e.getMessage());
    }
}
