package org.helmupgradebot.shared.oci;

import static org.helmupgradebot.shared.testing.HostileServer.json;
import static org.helmupgradebot.shared.testing.HostileServer.redirect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.testing.HostileServer;
import org.junit.jupiter.api.Test;

/** Registry credentials and tokens go to the registry's origin only; listings stay on it and end (findings 2-4). */
class CredentialOriginTest {
    private static final String BASIC = "Basic Ym90OnMzY3JldA=="; // bot:s3cret
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    private static RetryingHttpClient http() {
        return new RetryingHttpClient(HttpOptions.defaults().withMaxAttempts(2)
                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(1)), d -> { }, Clock.systemUTC());
    }

    private static OciRegistryClient client(HostileServer registry, int maxPages) {
        return new OciRegistryClient(URI.create(registry.url()), http(), Optional.of(new Credentials("bot", "s3cret")),
                100, maxPages);
    }

    /** Basic auth demanded, then every GET of the registry answered by {@code answer}. */
    private static HostileServer basicRegistry(HostileServer.Handler answer) {
        return HostileServer.start().on("/", ex -> {
            if (!BASIC.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                json(401, "", "WWW-Authenticate", "Basic realm=\"registry\"").handle(ex);
            } else {
                answer.handle(ex);
            }
        });
    }

    @Test
    void aStorageHostsChallengeIsNotAnsweredWithTheRegistrysCredentials() {
        // Finding 2: a blob/manifest GET redirected to storage, which challenges with a realm on a third host.
        try (HostileServer third = HostileServer.start().on("/", json(200, "{\"token\":\"stolen\"}"));
                HostileServer storage = HostileServer.start().on("/", json(401, "",
                        "WWW-Authenticate", "Bearer realm=\"" + third.url() + "/token\",service=\"storage\""));
                HostileServer registry = basicRegistry(redirect(307, storage.url() + "/blobs/x?sig=1"))) {
            HttpFailure f = assertThrows(HttpFailure.class, () -> client(registry, 10).getManifest("team/app", DIGEST));
            assertEquals(HttpFailure.Kind.UNAUTHORIZED, f.kind());
            assertEquals(List.of(), third.seen(), "the third host is never asked for anything");
            assertTrue(storage.authorizations().stream().allMatch(a -> a == null), storage.seen()::toString);
            assertTrue(registry.authorizations().contains(BASIC));
        }
    }

    @Test
    void aTokenRealmOnAnotherOriginIsAskedAnonymously() {
        try (HostileServer auth = HostileServer.start().on("/token", json(200, "{\"token\":\"anon-token-123\"}"));
                HostileServer registry = HostileServer.start().on("/v2/team/app/tags/list", ex -> {
                    if ("Bearer anon-token-123".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                        json(200, "{\"tags\":[\"1.0\"]}").handle(ex);
                    } else {
                        json(401, "", "WWW-Authenticate", "Bearer realm=\"" + auth.url() + "/token\",service=\"r\"")
                                .handle(ex);
                    }
                })) {
            assertEquals(Optional.of(List.of("1.0")), client(registry, 10).listTags("team/app"));
            assertEquals(Arrays.asList((String) null), auth.authorizations(), "no registry credentials to the realm");
        }
    }

    @Test
    void aCatalogLinkToAnotherOriginIsRefusedAndThatHostGetsNothing() {
        // Finding 3: the next page on another host got the credentials and its repositories joined the plan.
        try (HostileServer other = HostileServer.start().on("/", json(200, "{\"repositories\":[\"evil/repo\"]}"));
                HostileServer registry = basicRegistry(json(200, "{\"repositories\":[\"team/app\"]}",
                        "Link", "<" + other.url() + "/v2/_catalog?last=team%2Fapp>; rel=\"next\""))) {
            HttpFailure f = assertThrows(HttpFailure.class, () -> client(registry, 10).catalog());
            assertEquals(HttpFailure.Kind.REFUSED, f.kind());
            assertEquals("GET " + registry.url() + "/v2/_catalog?n=100: the next-page Link points to another origin ("
                    + other.url() + "/v2/_catalog?last=team%2Fapp); refused", f.getMessage());
            assertEquals(List.of(), other.seen());
        }
    }

    @Test
    void pagesThatNeverEndStopAtThePageCap() {
        // Finding 4: a new Link on every empty page ran until killed.
        java.util.concurrent.atomic.AtomicInteger page = new java.util.concurrent.atomic.AtomicInteger();
        try (HostileServer registry = HostileServer.start().on("/v2/", ex -> json(200, "{\"tags\":[]}",
                "Link", "</v2/team/app/tags/list?n=100&last=p" + page.incrementAndGet() + ">; rel=\"next\"").handle(ex))) {
            HttpFailure f = assertThrows(HttpFailure.class, () -> client(registry, 50).listTags("team/app"));
            assertEquals(HttpFailure.Kind.TOO_LARGE, f.kind());
            assertEquals("GET " + registry.url() + "/v2/team/app/tags/list?n=100: more than 50 pages; stopped (the page cap)",
                    f.getMessage());
            assertEquals(50, registry.seen().size());
        }
        assertEquals(1000, OciRegistryClient.DEFAULT_MAX_PAGES);
    }
}
