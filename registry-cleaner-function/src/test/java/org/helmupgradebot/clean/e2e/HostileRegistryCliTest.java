package org.helmupgradebot.clean.e2e;

import static org.helmupgradebot.shared.testing.HostileServer.endless;
import static org.helmupgradebot.shared.testing.HostileServer.json;
import static org.helmupgradebot.shared.testing.HostileServer.redirect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.helmupgradebot.clean.wiring.BackendFactory;
import org.helmupgradebot.clean.cli.RegistryCleanerCli;
import org.helmupgradebot.clean.inventory.RegistryBackend;
import org.helmupgradebot.clean.inventory.oci.OciRegistryBackend;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.oci.Credentials;
import org.helmupgradebot.shared.oci.Digests;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import org.helmupgradebot.shared.testing.HostileServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The registry-cleaner command line against registries that misbehave on purpose (issue 8's findings 3, 4,
 * 6 to 10), judged from the outside: exit code, the one line printed, no stack trace, what other hosts got.
 */
class HostileRegistryCliTest {
    private static final HttpOptions QUICK = HttpOptions.defaults().withMaxAttempts(4)
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(100)).withTimeout(Duration.ofSeconds(6));
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs the CLI with an OCI backend over the shared client (basic credentials bot:s3cret). */
    private int run(String... args) {
        RegistryCleanerCli cli = new RegistryCleanerCli((URI uri, BackendFactory.Kind kind) -> (RegistryBackend)
                new OciRegistryBackend(new OciRegistryClient(uri, new RetryingHttpClient(QUICK),
                        Optional.of(new Credentials("bot", "s3cret")), OciRegistryClient.DEFAULT_PAGE_SIZE)));
        return runCli(cli, args);
    }

    private int runCli(RegistryCleanerCli cli, String... args) {
        CommandLine line = new CommandLine(cli);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return RegistryCleanerCli.run(cli, line, args);
    }

    private void assertOneLine(String expectedPart) {
        String e = err.toString().strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("registry-cleaner: ") && e.contains(expectedPart), e);
        assertFalse(e.contains("\tat ") || e.contains("Exception"), "no stack trace: " + e);
        assertEquals("", out.toString(), "no plan for a registry that could not be read");
    }

    @Test
    void aCatalogLinkToAnotherOriginStopsTheRunAndThatHostGetsNothing() {
        try (HostileServer other = HostileServer.start().on("/", json(200, "{\"repositories\":[\"evil/repo\"]}"));
                HostileServer registry = HostileServer.start().on("/v2/_catalog", json(200,
                        "{\"repositories\":[\"team/app\"]}", "Link", "<" + other.url() + "/v2/_catalog?last=x>; rel=\"next\""))) {
            assertEquals(1, run("--registry", registry.url(), "--dry-run", "--max-age-days", "30"));
            assertOneLine("the next-page Link points to another origin");
            assertEquals(List.of(), other.seen(), "no request, so no credentials, reached the other host");
        }
    }

    @Test
    void catalogPagesThatNeverEndStopAtThePageCap() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        try (HostileServer registry = HostileServer.start().on("/v2/_catalog", ex -> json(200, "{\"repositories\":[]}",
                "Link", "</v2/_catalog?n=100&last=p" + n.incrementAndGet() + ">; rel=\"next\"").handle(ex))) {
            long start = System.nanoTime();
            assertEquals(1, run("--registry", registry.url(), "--dry-run"));
            assertOneLine("more than " + OciRegistryClient.DEFAULT_MAX_PAGES + " pages; stopped (the page cap)");
            assertEquals(OciRegistryClient.DEFAULT_MAX_PAGES, registry.seen().size());
            assertTrue((System.nanoTime() - start) / 1_000_000_000 < 30);
        }
    }

    @Test
    void anEndlessCatalogBodyIsOneLineNotOutOfMemory() {
        try (HostileServer registry = HostileServer.start().on("/v2/_catalog", endless("{\"repositories\":[\"a\"]}"))) {
            assertEquals(1, run("--registry", registry.url(), "--dry-run"));
            assertOneLine("body larger than the cap of 4 MiB");
        }
    }

    @Test
    void aRedirectToFileOrFtpIsOneLineNotAClassCastException() {
        try (HostileServer registry = HostileServer.start().on("/v2/_catalog", redirect(302, "file:///etc/passwd"))) {
            assertEquals(1, run("--registry", registry.url(), "--dry-run"));
            assertOneLine("redirect to file: URL refused: only http and https are fetched");
        }
        err.getBuffer().setLength(0);
        try (HostileServer registry = HostileServer.start().on("/v2/_catalog", redirect(301, "ftp://127.0.0.1/x"))) {
            assertEquals(1, run("--registry", registry.url(), "--dry-run"));
            assertOneLine("redirect to ftp: URL refused");
        }
    }

    @Test
    void aRegistryThatNeverAnswersFailsWithinTheTimeoutGiven() {
        // The real wiring (BackendFactory, no credentials in the environment) with --http-timeout 3.
        try (HostileServer.Silent silent = new HostileServer.Silent()) {
            long start = System.nanoTime();
            assertEquals(1, runCli(new RegistryCleanerCli(), "--registry", silent.url(), "--dry-run",
                    "--http-timeout", "3"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertOneLine("timed out after");
            assertTrue(millis < 5000, "3 s timeout, retries included: " + millis + " ms");
        }
    }

    @Test
    void aRegistryUrlWithUserInfoIsRefusedAndTheSecretNeverPrinted() {
        assertEquals(2, runCli(new RegistryCleanerCli(), "--registry", "http://bot:hunter2-pass@127.0.0.1:5000",
                "--dry-run"));
        String e = err.toString();
        assertEquals(1, e.strip().lines().count(), e);
        assertTrue(e.contains("REGISTRY_USERNAME and REGISTRY_PASSWORD"), e);
        assertFalse(e.contains("hunter2") || e.contains("bot:"), e);
    }

    @Test
    void aDeleteThatKeepsFailingIsSentOncePerAttemptAndTheMessageSaysSo() {
        // Finding 10: the cleaner's own retry loop on top of the client's sent 16 DELETEs and said "4 attempts".
        byte[] config = "{\"created\":\"2019-03-01T12:00:00Z\",\"architecture\":\"amd64\",\"os\":\"linux\"}"
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = Digests.sha256(config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        String digest = Digests.sha256(manifest);
        String manifestText = new String(manifest, StandardCharsets.UTF_8);
        try (HostileServer registry = HostileServer.start()
                .on("/v2/_catalog", json(200, "{\"repositories\":[\"team/app\"]}"))
                .on("/v2/team/app/tags/list", json(200, "{\"name\":\"team/app\",\"tags\":[\"old\"]}"))
                .on("/v2/team/app/blobs/", json(200, new String(config, StandardCharsets.UTF_8)))
                .on("/v2/team/app/manifests/", ex -> {
                    if (ex.getRequestMethod().equals("DELETE")) {
                        json(503, "{\"errors\":[{\"code\":\"UNAVAILABLE\"}]}").handle(ex);
                    } else {
                        ex.getResponseHeaders().add("Docker-Content-Digest", digest);
                        ex.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
                        ex.sendResponseHeaders(200, manifest.length);
                        ex.getResponseBody().write(manifest);
                    }
                })) {
            long start = System.nanoTime();
            int code = run("--registry", registry.url(), "--max-age-days", "30", "--concurrency", "1");
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(1, code, out + " " + err);
            long deletes = registry.seen().stream().filter(s -> s.method().equals("DELETE")).count();
            assertEquals(4, deletes, "one retrying layer: four attempts, four DELETEs");
            assertTrue(out.toString().contains("503 Service Unavailable (UNAVAILABLE) (after 4 attempts)"), out::toString);
            assertTrue(millis < 30_000, millis + " ms (most of it planning; the four DELETEs take well under a second)");
            assertTrue(manifestText.contains(configDigest));
        }
    }
}
