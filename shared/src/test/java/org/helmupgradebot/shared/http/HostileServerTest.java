package org.helmupgradebot.shared.http;

import static org.helmupgradebot.shared.testing.HostileServer.drip;
import static org.helmupgradebot.shared.testing.HostileServer.endless;
import static org.helmupgradebot.shared.testing.HostileServer.json;
import static org.helmupgradebot.shared.testing.HostileServer.redirect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.helmupgradebot.shared.testing.HostileServer;
import org.junit.jupiter.api.Test;

/** The client's promises against servers that misbehave on purpose (issue 8's findings 5 to 8). */
class HostileServerTest {
    /** One attempt of at most 1 s, so each test is quick. */
    private final RetryingHttpClient oneSecond = new RetryingHttpClient(HttpOptions.defaults().withMaxAttempts(1)
            .withRequestTimeout(Duration.ofSeconds(1)).withConnectTimeout(Duration.ofSeconds(1)));

    @Test
    void aDripFasterThanTheReadTimeoutStillStopsAtTheDeadline() {
        // Finding 5: one byte every 300 ms never trips a per-read timeout; the attempt's deadline covers the body.
        try (HostileServer server = HostileServer.start().on("/", drip(300))) {
            long start = System.nanoTime();
            HttpFailure f = assertThrows(HttpFailure.class, () -> oneSecond.get(server.uri("/index.yaml"), Map.of()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(HttpFailure.Kind.TIMEOUT, f.kind());
            assertEquals("GET " + server.url() + "/index.yaml: timed out after 1 s", f.getMessage());
            assertTrue(millis < 2500, "stopped at the deadline, not per read: " + millis + " ms");
        }
    }

    @Test
    void aBodyThatStopsAfterTheHeadersFailsAtTheDeadline() {
        try (HostileServer server = HostileServer.start().on("/", drip(20_000))) {
            long start = System.nanoTime();
            HttpFailure f = assertThrows(HttpFailure.class, () -> oneSecond.get(server.uri("/v2/_catalog"), Map.of()));
            assertEquals(HttpFailure.Kind.TIMEOUT, f.kind());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2500);
        }
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersFailsWithinTheCallBudgetRetriesIncluded() {
        // Finding 6: 60 s × 4 attempts became 4 min 8 s; now every attempt and wait share one budget.
        RetryingHttpClient budgeted = new RetryingHttpClient(HttpOptions.defaults().withTimeout(Duration.ofSeconds(3))
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(200)));
        try (HostileServer.Silent silent = new HostileServer.Silent()) {
            long start = System.nanoTime();
            HttpFailure f = assertThrows(HttpFailure.class,
                    () -> budgeted.get(java.net.URI.create(silent.url() + "/v2/"), Map.of()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(HttpFailure.Kind.TIMEOUT, f.kind());
            assertTrue(millis >= 2500 && millis < 4500, "within the 3 s budget: " + millis + " ms");
            assertTrue(f.attempts() >= 2 && f.getMessage().endsWith("(after " + f.attempts() + " attempts)"),
                    f.getMessage());
            assertEquals(f.attempts(), silent.accepted(), "the message counts the attempts made");
        }
    }

    @Test
    void theDefaultsBoundACallWellUnderNinetySeconds() {
        HttpOptions d = HttpOptions.defaults();
        assertEquals(Duration.ofSeconds(60), d.callBudget());
        // The last attempt's reads are bounded by what is left of the budget, so the worst case is budget + attempt.
        assertTrue(d.callBudget().plus(d.requestTimeout()).compareTo(Duration.ofSeconds(90)) < 0);
        assertEquals(Duration.ofSeconds(60), HttpOptions.fromSettings(Map.of("HTTP_TIMEOUT_SECONDS", "60")).callBudget());
        assertEquals(Duration.ofSeconds(100), HttpOptions.fromSettings(Map.of("HTTP_TIMEOUT_SECONDS", "300")).requestTimeout());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> HttpOptions.fromSettings(Map.of("HTTP_TIMEOUT_SECONDS", "soon")));
        assertEquals("HTTP_TIMEOUT_SECONDS must be a whole number of seconds from 3 to 3600, not 'soon'",
                bad.getMessage());
    }

    @Test
    void anEndlessBodyStopsAtItsCapInOneLine() {
        // Finding 7: the cleaner died with OutOfMemoryError reading an endless JSON body.
        try (HostileServer server = HostileServer.start().on("/", endless("{\"repositories\":[\"a\",\"b\"]}"))) {
            HttpFailure f = assertThrows(HttpFailure.class,
                    () -> oneSecond.send(HttpRequestSpec.get(server.uri("/v2/_catalog")).withBodyCap(1 << 20)));
            assertEquals(HttpFailure.Kind.TOO_LARGE, f.kind());
            assertEquals("GET " + server.url() + "/v2/_catalog: body larger than the cap of 1 MiB", f.getMessage());
        }
    }

    @Test
    void aStreamedBodyOverItsCapIsReportedWhateverTheReaderMadeOfIt() {
        try (HostileServer server = HostileServer.start().on("/", endless("a: b\n"))) {
            HttpFailure f = assertThrows(HttpFailure.class, () -> oneSecond.stream(
                    HttpRequestSpec.get(server.uri("/index.yaml")).withBodyCap(256 * 1024), (in, head) -> {
                        try {
                            in.readAllBytes();
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException("the reader's own wrapping", e);
                        }
                        return null;
                    }));
            assertEquals(HttpFailure.Kind.TOO_LARGE, f.kind());
            assertEquals("GET " + server.url() + "/index.yaml: body larger than the cap of 256 KiB", f.getMessage());
        }
    }

    @Test
    void redirectsToFileOrFtpAreRefusedInOneLine() {
        // Finding 8: a redirect to file: or ftp: was a ClassCastException and a 26-line stack trace.
        try (HostileServer server = HostileServer.start()
                .on("/file", redirect(302, "file:///etc/passwd"))
                .on("/ftp", redirect(301, "ftp://127.0.0.1/index.yaml"))) {
            HttpFailure file = assertThrows(HttpFailure.class, () -> oneSecond.get(server.uri("/file"), Map.of()));
            assertEquals(HttpFailure.Kind.REFUSED, file.kind());
            assertEquals("GET " + server.url() + "/file: redirect to file: URL refused: only http and https are fetched",
                    file.getMessage());
            HttpFailure ftp = assertThrows(HttpFailure.class, () -> oneSecond.get(server.uri("/ftp"), Map.of()));
            assertEquals("GET " + server.url() + "/ftp: redirect to ftp: URL refused: only http and https are fetched",
                    ftp.getMessage());
        }
    }

    @Test
    void redirectsAreBoundedAndNeverFollowedFromHttpsToHttp() {
        try (HostileServer server = HostileServer.start().on("/loop", redirect(302, "/loop"))) {
            HttpFailure f = assertThrows(HttpFailure.class, () -> oneSecond.get(server.uri("/loop"), Map.of()));
            assertEquals(HttpFailure.Kind.REFUSED, f.kind());
            assertEquals("GET " + server.url() + "/loop: more than 5 redirects", f.getMessage());
            assertEquals(6, server.seen().size());
        }
        assertFalse(Origin.of(java.net.URI.create("https://a")).equals(Origin.of(java.net.URI.create("http://a"))));
        assertEquals(Origin.of(java.net.URI.create("https://a")), Origin.of(java.net.URI.create("https://A:443/x")));
    }

    @Test
    void aCrossOriginRedirectCarriesNoCredentialsOfAnyKind() {
        try (HostileServer other = HostileServer.start().on("/", json(200, "{}"));
                HostileServer api = HostileServer.start().on("/", redirect(302, other.url() + "/elsewhere"))) {
            RetryingHttpClient http = new RetryingHttpClient(HttpOptions.defaults(), d -> { }, Clock.systemUTC());
            http.get(api.uri("/repos/o/r"), Map.of("Authorization", "token secret-token-value", "Cookie", "s=1"));
            assertEquals("token secret-token-value", api.seen().get(0).authorization());
            assertEquals(java.util.Arrays.asList((String) null), other.authorizations());
        }
    }
}
