package org.helmupgradebot.upgrade.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.helmupgradebot.upgrade.publish.PublishResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Injected 502s and 429s at every step of a create and of an update never leave a duplicate. */
class PublishFaultTest {
    private PublishTestSupport t;

    @BeforeEach
    void setUp() throws Exception {
        t = new PublishTestSupport();
    }

    @AfterEach
    void tearDown() {
        if (t != null) { // null when the fixtures are absent and the test was skipped
            t.fake.close();
        }
    }

    /** Every request a create run makes, then every request an update run makes. */
    static Stream<Arguments> steps() {
        List<String[]> create = List.of(
                new String[] {"GET", "/repos/[^/]+/[^/]+"},
                new String[] {"GET", ".*/pulls"},
                new String[] {"GET", ".*/commits/main"},
                new String[] {"POST", ".*/git/trees"},
                new String[] {"POST", ".*/git/commits"},
                new String[] {"POST", ".*/git/refs"},
                new String[] {"POST", ".*/pulls"},
                new String[] {"POST", ".*/issues/\\d+/labels"},
                new String[] {"GET", "/users/.*"},
                new String[] {"POST", ".*/requested_reviewers"});
        List<String[]> update = List.of(
                new String[] {"GET", ".*/commits/[0-9a-f]{40}"},
                new String[] {"GET", ".*/git/refs/heads/.*"},
                new String[] {"PATCH", ".*/git/refs/heads/.*"},
                new String[] {"PATCH", ".*/pulls/\\d+"});
        Stream.Builder<Arguments> all = Stream.builder();
        for (String kind : List.of("502", "502-after-applying", "429")) {
            create.forEach(s -> all.add(Arguments.of("create", s[0], s[1], kind)));
            update.forEach(s -> all.add(Arguments.of("update", s[0], s[1], kind)));
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0}: {3} on {1} {2}")
    @MethodSource("steps")
    void aFaultAtAnyStepLeavesExactlyOnePullRequest(String run, String method, String path, String kind) {
        if (run.equals("update")) {
            assertEquals(Outcome.CREATED, t.publisher().publish(t.change()).outcome());
        }
        boolean rateLimit = kind.equals("429");
        FakeGitHub.Fault fault = new FakeGitHub.Fault(method, path, rateLimit ? 429 : 502,
                rateLimit ? Map.of("Retry-After", "7", "X-RateLimit-Remaining", "4000") : Map.of(),
                kind.endsWith("after-applying"), 1);
        t.fake.inject(fault);
        ChangeSet wanted = run.equals("update") ? t.newerChange() : t.change();
        PublishResult result = t.publisher().publish(wanted);
        assertEquals(0, fault.times, "the fault was hit: " + t.fake.requests());
        assertTrue(result.outcome() == Outcome.CREATED || result.outcome() == Outcome.UPDATED, result.summary());
        if (rateLimit) {
            assertTrue(t.waits.contains(Duration.ofSeconds(7)), "waited as Retry-After said: " + t.waits);
        }
        assertEquals(1, t.fake.openPulls(PublishTestSupport.REPO).size(), t.fake.requests().toString());
        FakeGitHub.Pull pull = t.fake.openPulls(PublishTestSupport.REPO).get(0);
        assertEquals(PullRequestText.title(wanted), pull.title);
        assertEquals(List.of("dependencies"), pull.labels);
        String head = t.fake.ref(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub").orElseThrow();
        assertEquals(wanted.files().get(PublishTestSupport.CHART), t.fake.file(head, PublishTestSupport.CHART));

        t.fake.clearLog();
        assertEquals(Outcome.UNCHANGED, t.publisher().publish(wanted).outcome(), "the next run finds it done");
        assertEquals(List.of(), t.writes());
    }

    @Test
    void aRateLimitLongerThanTheBoundFailsInOneLineAndTheRerunConverges() {
        t.fake.inject(new FakeGitHub.Fault("POST", ".*/git/commits", 403, Map.of("X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", String.valueOf(java.time.Instant.parse("2026-01-01T01:00:00Z").getEpochSecond())),
                false, 1));
        PublishException e = assertThrows(PublishException.class, () -> t.publisher().publish(t.change()));
        assertTrue(e.getMessage().contains("rate limit") && e.getMessage().contains("3601 s"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(List.of(), t.waits, "no unbounded wait");
        assertEquals(0, t.fake.pulls(PublishTestSupport.REPO).size());
        assertEquals(Outcome.CREATED, t.publisher().publish(t.change()).outcome());
        assertEquals(1, t.fake.pulls(PublishTestSupport.REPO).size());
    }

    @ParameterizedTest(name = "timeout on {0} {1}")
    @MethodSource("slowSteps")
    void aTimedOutRequestIsRetriedAndNeverDuplicatesThePullRequest(String method, String path) {
        FakeGitHub.Fault slow = new FakeGitHub.Fault(method, path, 200, Map.of(), true, 1);
        slow.delayMillis = 1500; // the request still takes effect, after the client gave up on it
        t.fake.inject(slow);
        GitHubHttpConnector quick = t.connector(PublishTestSupport.quickRetries()
                .withRequestTimeout(Duration.ofMillis(400)));
        GitHubSession session = GitHubSession.connect(t.fake.url(), GitHubAuth.token(() -> PublishTestSupport.TOKEN),
                PublishTestSupport.REPO, quick);
        PublishResult result = new PullRequestPublisher(new GitHubPlatform(session), PullRequestPublisher.Options.defaults())
                .publish(t.change());
        assertTrue(result.outcome() == Outcome.CREATED || result.outcome() == Outcome.UPDATED, result.summary());
        assertEquals(0, slow.times, "the slow answer happened");
        assertTrue(t.waits.contains(Duration.ofMillis(1)), "the timed-out request was retried after a backoff");
        assertEquals(1, t.fake.openPulls(PublishTestSupport.REPO).size());
        assertEquals(Outcome.UNCHANGED, t.publisher().publish(t.change()).outcome());
    }

    static Stream<Arguments> slowSteps() {
        return Stream.of(Arguments.of("GET", ".*/pulls"), Arguments.of("POST", ".*/git/refs"),
                Arguments.of("POST", ".*/pulls"));
    }

    @Test
    void aSecondaryRateLimitWithoutHeadersIsNotMistakenForAPermissionError() {
        t.fake.inject(new FakeGitHub.Fault("POST", ".*/git/trees", 403, Map.of(), false, 1));
        PublishException e = assertThrows(PublishException.class, () -> t.publisher().publish(t.change()));
        assertTrue(e.getMessage().contains("rate limit") && e.getMessage().contains("60 s"), e.getMessage());
        assertFalse(e.getMessage().contains("contents: write"), e.getMessage());
    }

    @Test
    void persistentServerErrorsAreRetriedWithBackoffThenReportedInOneLine() {
        t.fake.inject(new FakeGitHub.Fault("GET", "/repos/[^/]+/[^/]+", 503, Map.of(), false, 10));
        PublishException e = assertThrows(PublishException.class, () -> t.publisher().publish(t.change()));
        assertTrue(e.getMessage().contains("503") && e.getMessage().contains(PublishTestSupport.REPO), e.getMessage());
        assertEquals(4, t.fake.requests().size(), "four attempts");
        assertEquals(List.of(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(4)), t.waits);
    }
}
