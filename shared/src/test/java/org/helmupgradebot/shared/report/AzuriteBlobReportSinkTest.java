package org.helmupgradebot.shared.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.storage.blob.BlobContainerClient;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.helmupgradebot.shared.secrets.LoopbackTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The blob sink against Azurite, Microsoft's Blob storage emulator, over HTTPS with OAuth (bearer tokens
 * checked for issuer, audience and lifetime; signatures are not checked). Skipped, with a message, when
 * Azurite is not installed: install it with {@code npm install -g azurite@3} (or set AZURITE_BLOB to the
 * azurite-blob executable).
 */
class AzuriteBlobReportSinkTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T01:02:03Z"), ZoneOffset.UTC);

    @TempDir
    static Path tmp;
    static Process azurite;
    static URI container;
    static LoopbackTls tls;

    /** A token shaped like one from Entra ID for Storage: Azurite's "basic" OAuth accepts it. */
    static final TokenCredential credential = ctx -> {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"typ\":\"JWT\",\"alg\":\"none\"}");
        String body = b64("{\"aud\":\"https://storage.azure.com\",\"iss\":\"https://sts.windows.net/"
                + "8f3e36ab-1c2d-4e5f-9a0b-123456789abc/\",\"iat\":" + (now - 60) + ",\"nbf\":" + (now - 60)
                + ",\"exp\":" + (now + 3600) + ",\"oid\":\"11111111-2222-3333-4444-555555555555\"}");
        return Mono.just(new AccessToken(header + "." + body + ".", OffsetDateTime.now().plusHours(1)));
    };

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<String> azuriteBlob() {
        String explicit = System.getenv("AZURITE_BLOB");
        if (explicit != null && new File(explicit).canExecute()) {
            return Optional.of(explicit);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "azurite-blob");
            if (f.canExecute()) {
                return Optional.of(f.getPath());
            }
        }
        return Optional.empty();
    }

    @BeforeAll
    static void startAzurite() throws Exception {
        Optional<String> bin = azuriteBlob();
        if (bin.isEmpty()) {
            return; // each test then reports itself as skipped, with the reason
        }
        tls = LoopbackTls.create(tmp);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path workspace = Files.createDirectories(tmp.resolve("azurite"));
        azurite = new ProcessBuilder(List.of(bin.get(), "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port),
                "--oauth", "basic", "--cert", tls.keystorePath(), "--pwd", LoopbackTls.PASSWORD,
                "--skipApiVersionCheck", "--silent", "--location", workspace.toString()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("azurite.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                break;
            } catch (java.io.IOException e) {
                if (!azurite.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Azurite did not start: "
                            + Files.readString(tmp.resolve("azurite.log")));
                }
                Thread.sleep(200);
            }
        }
        container = URI.create("https://127.0.0.1:" + port + "/devstoreaccount1/reports");
    }

    @AfterAll
    static void stopAzurite() throws Exception {
        if (azurite != null) {
            azurite.descendants().forEach(ProcessHandle::destroy);
            azurite.destroy();
            azurite.waitFor();
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void needsAzurite() {
        assumeTrue(azurite != null, "azurite-blob not found on PATH or in $AZURITE_BLOB "
                + "(install: npm install -g azurite@3): Azurite test skipped");
    }

    static BlobContainerClient client() throws Exception {
        return BlobReportSink.clientBuilder(container, credential).httpClient(tls.httpClient()).buildClient();
    }

    @Test
    void storesBothReportsWhereTheyCanBeReadBack() throws Exception {
        BlobContainerClient client = client();
        client.createIfNotExists();
        JobReport report = new JobReport("registry-cleaner", 0, "freed 1.2 GB",
                "# registry-cleaner\n\nfreed 1.2 GB\n", "{\"job\":\"registry-cleaner\",\"freedBytes\":1288490188}");

        List<String> written = new BlobReportSink(container, client, CLOCK).write(report);

        assertEquals(List.of("registry-cleaner/2026-11-22T010203Z.md", "registry-cleaner/2026-11-22T010203Z.json"), written);
        assertEquals(report.markdown(), client.getBlobClient(written.get(0)).downloadContent().toString());
        assertEquals(report.json(), client.getBlobClient(written.get(1)).downloadContent().toString());
        assertEquals("text/markdown; charset=utf-8", client.getBlobClient(written.get(0)).getProperties().getContentType());
        List<String> names = new ArrayList<>();
        client.listBlobs().forEach(b -> names.add(b.getName()));
        assertEquals(List.of("registry-cleaner/2026-11-22T010203Z.json", "registry-cleaner/2026-11-22T010203Z.md"), names);
    }

    @Test
    void aMissingContainerIsOneClearLine() throws Exception {
        URI missing = URI.create(container.toString().replace("/reports", "/no-such-container"));
        BlobReportSink sink = new BlobReportSink(missing, BlobReportSink.clientBuilder(missing, credential)
                .httpClient(tls.httpClient()).buildClient(), CLOCK);

        ReportSinkException e = assertThrows(ReportSinkException.class,
                () -> sink.write(new JobReport("helm-upgrade", 0, "t", "m", "{}")));
        assertEquals("report container " + missing + ": could not write 'helm-upgrade/2026-11-22T010203Z.md': "
                + "container not found (404)", e.getMessage());
    }
}
