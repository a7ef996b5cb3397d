package org.helmupgradebot.shared.http;

import static org.helmupgradebot.shared.http.ScriptedServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryingHttpClientTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    private final List<Duration> slept = new ArrayList<>();
    private final HttpOptions options = HttpOptions.defaults()
            .withMaxAttempts(3)
            .withBackoff(Duration.ofMillis(100), Duration.ofMillis(250))
            .withMaxRetryAfter(Duration.ofSeconds(60))
            .withConnectTimeout(Duration.ofSeconds(2))
            .withRequestTimeout(Duration.ofSeconds(5));
    private final RetryingHttpClient http =
            new RetryingHttpClient(options, slept::add, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void retriesServerErrorsThenSucceedsWithExponentialBackoff() throws Exception {
        try (ScriptedServer server = new ScriptedServer(status(503, ""), status(502, "<html>bad</html>"),
                status(200, "hello"))) {
            HttpReply reply = http.get(server.uri("/index.yaml"), Map.of());
            assertEquals("hello", reply.bodyText());
            assertEquals(3, reply.attempts());
            assertEquals(3, server.requests());
            assertEquals(3, http.requestCount());
            assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), slept);
        }
    }

    @Test
    void backoffIsBoundedByTheCap() {
        assertEquals(Duration.ofMillis(100), http.backoff(1));
        assertEquals(Duration.ofMillis(200), http.backoff(2));
        assertEquals(Duration.ofMillis(250), http.backoff(3));
        assertEquals(Duration.ofMillis(250), http.backoff(40));
    }

    @Test
    void retryAfterSecondsIsHonoured() throws Exception {
        try (ScriptedServer server = new ScriptedServer(status(429, "slow down", "Retry-After", "7"),
                status(200, "ok"))) {
            assertEquals("ok", http.get(server.uri("/x"), Map.of()).bodyText());
            assertEquals(List.of(Duration.ofSeconds(7)), slept);
        }
    }

    @Test
    void retryAfterHttpDateIsHonouredAgainstTheClock() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(42),
                ZoneOffset.UTC));
        try (ScriptedServer server = new ScriptedServer(status(503, "", "Retry-After", date), status(200, "ok"))) {
            http.get(server.uri("/x"), Map.of());
            assertEquals(List.of(Duration.ofSeconds(42)), slept);
        }
    }

    @Test
    void aRetryAfterLongerThanTheAllowedWaitFailsAtOnceSayingSo() throws Exception {
        // Waiting a capped minute for a server that asked for a day only delays the same failure.
        try (ScriptedServer server = new ScriptedServer(status(429, "", "Retry-After", "86400"), status(200, "ok"))) {
            HttpFailure f = assertThrows(HttpFailure.class, () -> http.get(server.uri("/x"), Map.of()));
            assertEquals(HttpFailure.Kind.RATE_LIMITED, f.kind());
            assertEquals("GET " + server.uri("/x") + ": 429 Too Many Requests: the rate limit lifts in 86400 s, "
                    + "more than the 60 s this client waits", f.getMessage());
            assertEquals(List.of(), slept);
            assertEquals(1, server.requests());
        }
    }

    @Test
    void rateLimitedForeverIsRateLimitedAndAPastDateMeansNoWait() throws Exception {
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.minusSeconds(30),
                ZoneOffset.UTC));
        try (ScriptedServer server = new ScriptedServer(status(429, "", "Retry-After", past))) {
            HttpFailure f = assertThrows(HttpFailure.class,
                    () -> http.delete(server.uri("/v2/r/manifests/sha256:1"), Map.of()));
            assertEquals(HttpFailure.Kind.RATE_LIMITED, f.kind());
            assertEquals(429, f.status());
            assertEquals(List.of(Duration.ZERO, Duration.ZERO), slept);
            assertEquals("DELETE " + server.uri("/v2/r/manifests/sha256:1")
                    + ": 429 Too Many Requests (after 3 attempts)", f.getMessage());
        }
    }

    @Test
    void notFoundIsNotRetried() throws Exception {
        try (ScriptedServer server = new ScriptedServer(status(404, "{\"errors\":[]}"))) {
            HttpFailure f = assertThrows(HttpFailure.class, () -> http.get(server.uri("/missing"), Map.of()));
            assertEquals(HttpFailure.Kind.NOT_FOUND, f.kind());
            assertEquals(404, f.status());
            assertEquals(1, server.requests());
            assertTrue(slept.isEmpty());
            assertEquals("GET " + server.uri("/missing") + ": 404 Not Found", f.getMessage());
        }
    }

    @Test
    void serverErrorForeverFailsAfterMaxAttemptsWithOneLineMessage() throws Exception {
        try (ScriptedServer server = new ScriptedServer(status(500, "<html>\n<body>oops</body>\n</html>"))) {
            HttpFailure f = assertThrows(HttpFailure.class, () -> http.get(server.uri("/index.yaml"), Map.of()));
            assertEquals(HttpFailure.Kind.SERVER_ERROR, f.kind());
            assertEquals(500, f.status());
            assertEquals(3, server.requests());
            assertEquals(3, f.attempts());
            assertEquals("GET http://127.0.0.1:" + server.port()
                    + "/index.yaml: 500 Internal Server Error (after 3 attempts)", f.getMessage());
        }
    }

    @Test
    void nonJsonErrorBodyIsHandedBackBySend() throws Exception {
        try (ScriptedServer server = new ScriptedServer(status(400, "<html>nope</html>"))) {
            HttpReply reply = http.send(HttpRequestSpec.get(server.uri("/x")));
            assertEquals(400, reply.status());
            assertEquals("<html>nope</html>", reply.bodyText());
            HttpFailure f = assertThrows(HttpFailure.class, () -> http.call(HttpRequestSpec.get(server.uri("/x"))));
            assertEquals(HttpFailure.Kind.OTHER, f.kind());
        }
    }

    @Test
    void connectionRefusedIsUnreachableAfterRetries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/index.yaml");
        HttpFailure f = assertThrows(HttpFailure.class, () -> http.get(uri, Map.of()));
        assertEquals(HttpFailure.Kind.UNREACHABLE, f.kind());
        assertEquals(0, f.status());
        assertEquals(3, f.attempts());
        assertEquals(2, slept.size());
        assertTrue(f.getMessage().startsWith("GET " + uri + ": cannot connect"), f.getMessage());
        assertFalse(f.getMessage().contains("\n"));
    }

    @Test
    void slowServerIsTimeout() throws Exception {
        RetryingHttpClient impatient = new RetryingHttpClient(
                options.withRequestTimeout(Duration.ofMillis(300)).withMaxAttempts(2), slept::add, Clock.systemUTC());
        try (ScriptedServer server = new ScriptedServer(ex -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status(200, "late").answer(ex);
        })) {
            HttpFailure f = assertThrows(HttpFailure.class, () -> impatient.get(server.uri("/slow"), Map.of()));
            assertEquals(HttpFailure.Kind.TIMEOUT, f.kind());
            assertEquals(2, f.attempts());
            assertEquals("GET " + server.uri("/slow") + ": timed out after 300 ms (after 2 attempts)", f.getMessage());
        }
    }

    @Test
    void httpsToAPlainServerIsTlsAndNotRetried() throws Exception {
        // A server that answers plain text at once, so the TLS handshake reads a non-TLS record.
        try (ServerSocket plain = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!plain.isClosed()) {
                    try (java.net.Socket s = plain.accept()) {
                        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\nnot tls".getBytes());
                        s.getOutputStream().flush();
                        Thread.sleep(200);
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            URI uri = URI.create("https://127.0.0.1:" + plain.getLocalPort() + "/index.yaml");
            HttpFailure f = assertThrows(HttpFailure.class, () -> http.get(uri, Map.of()));
            assertEquals(HttpFailure.Kind.TLS, f.kind(), f.getMessage());
            assertEquals(1, f.attempts());
            assertTrue(f.getMessage().startsWith("GET " + uri + ": TLS failure: "), f.getMessage());
        }
    }

    @Test
    void secretsNeverAppearInMessages() throws Exception {
        try (ScriptedServer server = new ScriptedServer(status(401, "bad token s3cr3t-token"))) {
            URI uri = URI.create("http://user:pa55word@127.0.0.1:" + server.port()
                    + "/v2/token?scope=repo&access_token=s3cr3t-token&sig=abc123&n=5");
            HttpFailure f = assertThrows(HttpFailure.class,
                    () -> http.get(uri, Map.of("Authorization", "Bearer s3cr3t-token")));
            assertEquals(HttpFailure.Kind.UNAUTHORIZED, f.kind());
            String msg = f.getMessage();
            assertFalse(msg.contains("s3cr3t"), msg);
            assertFalse(msg.contains("pa55word"), msg);
            assertFalse(msg.contains("user"), msg);
            assertFalse(msg.contains("abc123"), msg);
            assertEquals("GET http://127.0.0.1:" + server.port()
                    + "/v2/token?scope=repo&access_token=***&sig=***&n=5: 401 Unauthorized", msg);
            assertEquals("Bearer s3cr3t-token", server.seen.get(0).authorization());
        }
    }

    @Test
    void streamsALargeBodyToTheReader() throws Exception {
        int size = 8 * 1024 * 1024;
        try (ScriptedServer server = new ScriptedServer(status(500, ""), ex -> {
            ex.sendResponseHeaders(200, size);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = ex.getResponseBody()) {
                for (int sent = 0; sent < size; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        })) {
            HttpRequestSpec big = HttpRequestSpec.get(server.uri("/big.yaml")).withBodyCap(size);
            long read = http.stream(big, (InputStream in, HttpReply head) -> {
                assertEquals(200, head.status());
                long n = 0;
                byte[] buf = new byte[8192];
                for (int r; (r = in.read(buf)) > 0; ) {
                    n += r;
                }
                return n;
            });
            assertEquals(size, read);
            assertEquals(2, server.requests());
        }
    }

    @Test
    void streamingNotFoundThrowsWithoutCallingTheReader() throws Exception {
        try (ScriptedServer server = new ScriptedServer(status(404, "no"))) {
            HttpFailure f = assertThrows(HttpFailure.class, () -> http.getStream(server.uri("/i.yaml"), Map.of(),
                    (in, head) -> {
                        throw new AssertionError("reader must not run");
                    }));
            assertEquals(HttpFailure.Kind.NOT_FOUND, f.kind());
        }
    }

    @Test
    void readerIoErrorIsBadResponse() throws Exception {
        try (ScriptedServer server = new ScriptedServer(status(200, "x: [unclosed"))) {
            HttpFailure f = assertThrows(HttpFailure.class, () -> http.getStream(server.uri("/i.yaml"), Map.of(),
                    (in, head) -> {
                        throw new java.io.IOException("bad yaml at line 1");
                    }));
            assertEquals(HttpFailure.Kind.BAD_RESPONSE, f.kind());
            assertTrue(f.getMessage().endsWith("reading the body failed: IOException bad yaml at line 1"),
                    f.getMessage());
        }
    }

    @Test
    void redirectToAnotherHostDropsAuthorizationButSameHostKeepsIt() throws Exception {
        try (ScriptedServer cdn = new ScriptedServer(status(200, "blob"));
                ScriptedServer registry = new ScriptedServer(
                        ex -> status(307, "", "Location", "/v2/r/blobs/elsewhere").answer(ex),
                        ex -> status(307, "", "Location", cdn.uri("/bucket/blob?sig=x").toString()).answer(ex))) {
            HttpReply reply = http.get(registry.uri("/v2/r/blobs/sha256:1"), Map.of("Authorization", "Bearer t"));
            assertEquals("blob", reply.bodyText());
            assertEquals("Bearer t", registry.seen.get(0).authorization());
            assertEquals("/v2/r/blobs/elsewhere", registry.seen.get(1).path());
            assertEquals("Bearer t", registry.seen.get(1).authorization());
            assertNull(cdn.seen.get(0).authorization());
            assertEquals(3, http.requestCount());
        }
    }
}
