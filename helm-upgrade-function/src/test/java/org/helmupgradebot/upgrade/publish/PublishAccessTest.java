package org.helmupgradebot.upgrade.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.testing.TestSecrets;
import org.helmupgradebot.upgrade.publish.PublishResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credentials, permissions, reading files from GitHub, fork mode and GitHub App sign-in. */
class PublishAccessTest {
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

    private static final String WRONG_TOKEN = TestSecrets.githubToken();

    private static void assertOneLineWithoutSecret(String message) {
        assertFalse(message.contains("\n"), message);
        assertFalse(message.contains(PublishTestSupport.TOKEN), message);
        assertFalse(message.contains(WRONG_TOKEN), message);
    }

    @Test
    void aRejectedTokenGivesOneLineNamingTheRepoAndNotTheToken() {
        PullRequestPublisher publisher = new PullRequestPublisher(t.platform(WRONG_TOKEN),
                PullRequestPublisher.Options.defaults());
        PublishException e = assertThrows(PublishException.class, () -> publisher.publish(t.change()));
        assertTrue(e.getMessage().contains("401") && e.getMessage().contains("Bad credentials")
                && e.getMessage().contains(PublishTestSupport.REPO), e.getMessage());
        assertOneLineWithoutSecret(e.getMessage());
        assertEquals(0, e.getStackTrace().length, "no stack trace to show a user");
    }

    @Test
    void anUnknownRepositoryNamesTheRepoAndThePermissionsNeeded() {
        ChangeSet elsewhere = new ChangeSet("2i2c-org/no-such-repo", "main", "binderhub", t.change().files(),
                t.change().bumps(), List.of(), List.of());
        PublishException e = assertThrows(PublishException.class, () -> t.publisher().publish(elsewhere));
        assertTrue(e.getMessage().contains("404") && e.getMessage().contains("2i2c-org/no-such-repo")
                && e.getMessage().contains("pull requests: write"), e.getMessage());
        assertOneLineWithoutSecret(e.getMessage());
    }

    @Test
    void aReadOnlyTokenNamesTheMissingWritePermission() {
        t.fake.repo(PublishTestSupport.REPO).readOnly = true;
        PublishException e = assertThrows(PublishException.class, () -> t.publisher().publish(t.change()));
        assertTrue(e.getMessage().contains("403") && e.getMessage().contains("contents: write")
                && e.getMessage().contains("creating the tree"), e.getMessage());
        assertOneLineWithoutSecret(e.getMessage());
        assertEquals(0, t.fake.pulls(PublishTestSupport.REPO).size());
    }

    @Test
    void readsPinnedFilesAtOneCommitAndBuildsOnThatCommitEvenWhenTheBranchMoves() {
        RepositoryFiles files = new RepositoryFiles(t.platform(PublishTestSupport.TOKEN));
        RepositoryFiles.Snapshot snapshot = files.read(PublishTestSupport.REPO, "main",
                List.of(PublishTestSupport.CHART, "README.md"));
        assertEquals(t.before, snapshot.files().get(PublishTestSupport.CHART), "byte-exact text");
        assertEquals("# infrastructure\n", snapshot.files().get("README.md"));
        String readAt = t.fake.ref(PublishTestSupport.REPO, "main").orElseThrow();
        assertEquals(readAt, snapshot.commit().sha());

        // Someone merges to main between reading and publishing.
        t.fake.push(PublishTestSupport.REPO, "main", "bob", Map.of("other.txt", "x\n"));
        ChangeSet c = t.change();
        ChangeSet pinned = new ChangeSet(c.repo(), c.baseBranch(), c.targetName(), c.files(), c.bumps(), c.labels(),
                c.reviewers(), Optional.of(snapshot.commit()));
        t.fake.clearLog();
        PublishResult result = t.publisher().publish(pinned);
        assertEquals(Outcome.CREATED, result.outcome());
        assertFalse(t.fake.requests().stream().anyMatch(r -> r.path().endsWith("/commits/main")),
                "the known base saves a call");
        String head = t.fake.ref(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub").orElseThrow();
        assertEquals(List.of(readAt), t.fake.commit(head).parents(), "built on the commit that was read");
        System.out.println("new PR with a known base: " + result.apiCalls() + " calls");
    }

    @Test
    void aDailyRunThatFindsItsPullRequestUpToDateReadsOnlyAndSharesTheRepositoryLookup() {
        ChangeSet c = t.change();
        assertEquals(Outcome.CREATED, t.publisher().publish(c).outcome());
        t.fake.clearLog();
        GitHubSession session = t.session(PublishTestSupport.TOKEN);
        RepositoryFiles.Snapshot snapshot = new RepositoryFiles(new GitHubPlatform(session)).read(PublishTestSupport.REPO, "main",
                List.of(PublishTestSupport.CHART));
        PublishResult result = new PullRequestPublisher(new GitHubPlatform(session), PullRequestPublisher.Options.defaults())
                .publish(new ChangeSet(c.repo(), c.baseBranch(), c.targetName(), c.files(), c.bumps(), c.labels(),
                        c.reviewers(), Optional.of(snapshot.commit())));
        assertEquals(Outcome.UNCHANGED, result.outcome());
        assertEquals(List.of(), t.writes());
        // repo, branch head, one file; then open pulls and the branch's head commit.
        assertEquals(5, t.fake.requests().size(), t.fake.requests().toString());
        assertEquals(5, session.callCount());
    }

    @Test
    void aMissingFileOrBranchIsOneLineNamingRepoBranchAndPath() {
        RepositoryFiles files = new RepositoryFiles(t.platform(PublishTestSupport.TOKEN));
        PublishException missingFile = assertThrows(PublishException.class,
                () -> files.read(PublishTestSupport.REPO, "main", List.of("helm-charts/nope/Chart.yaml")));
        assertTrue(missingFile.getMessage().contains("helm-charts/nope/Chart.yaml")
                && missingFile.getMessage().contains(PublishTestSupport.REPO)
                && missingFile.getMessage().contains("'main'")
                && missingFile.getMessage().contains("not found"), missingFile.getMessage());
        assertOneLineWithoutSecret(missingFile.getMessage());

        PublishException missingBranch = assertThrows(PublishException.class,
                () -> files.read(PublishTestSupport.REPO, "gh-pages", List.of(PublishTestSupport.CHART)));
        assertTrue(missingBranch.getMessage().contains("'gh-pages'")
                && missingBranch.getMessage().contains(PublishTestSupport.REPO), missingBranch.getMessage());

        PublishException directory = assertThrows(PublishException.class,
                () -> files.read(PublishTestSupport.REPO, "main", List.of("helm-charts")));
        assertTrue(directory.getMessage().contains("helm-charts"), directory.getMessage());
    }

    @Test
    void aMissingBaseBranchIsOneLineNamingIt() {
        ChangeSet c = t.change();
        ChangeSet wrongBase = new ChangeSet(c.repo(), "develop", c.targetName(), c.files(), c.bumps(), c.labels(),
                c.reviewers());
        PublishException e = assertThrows(PublishException.class, () -> t.publisher().publish(wrongBase));
        assertEquals("branch 'develop' not found in " + PublishTestSupport.REPO + " (422)", e.getMessage());
        assertTrue(t.fake.ref(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub").isEmpty(), "nothing left behind");
    }

    @Test
    void forkModeCreatesTheForkOncePushesThereAndOpensThePullRequestUpstream() {
        PullRequestPublisher.Options fork = new PullRequestPublisher.Options(PullRequestPublisher.PushMode.FORK,
                Optional.empty(), "helm-upgrade-bot", "helm-upgrade-bot@users.noreply.github.com");
        PublishResult first = new PullRequestPublisher(t.platform(PublishTestSupport.TOKEN), fork).publish(t.change());
        assertEquals(Outcome.CREATED, first.outcome(), first.summary());
        String forkName = PublishTestSupport.BOT + "/infrastructure";
        assertTrue(t.fake.ref(forkName, "helm-upgrade-bot/binderhub").isPresent(), "branch pushed to the fork");
        assertTrue(t.fake.ref(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub").isEmpty(), "not upstream");
        FakeGitHub.Pull pull = t.fake.openPulls(PublishTestSupport.REPO).get(0);
        assertEquals(PublishTestSupport.BOT, pull.headOwner);

        t.fake.clearLog();
        PublishResult second = new PullRequestPublisher(t.platform(PublishTestSupport.TOKEN), fork).publish(t.change());
        assertEquals(Outcome.UNCHANGED, second.outcome(), second.summary());
        assertEquals(List.of(), t.writes(), "the fork is reused, nothing written");

        PublishResult third = new PullRequestPublisher(t.platform(PublishTestSupport.TOKEN), fork)
                .publish(t.newerChange());
        assertEquals(Outcome.UPDATED, third.outcome());
        assertEquals(1, t.fake.openPulls(PublishTestSupport.REPO).size());
        assertTrue(t.fake.repo(forkName) != null, "fork never deleted");
    }

    @Test
    void aGitHubAppSignsInWithAJwtAndPublishesWithItsInstallationToken() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        t.fake.enableApp("123456", keys.getPublic());
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        // GitHub hands out PKCS#1 keys ("BEGIN RSA PRIVATE KEY"): the PKCS#8 form minus its 26-byte header.
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        assertEquals(0x30, pkcs1[0] & 0xff);
        String pem = TestSecrets.pem("RSA PRIVATE KEY", pkcs1);

        GitHubSession session = GitHubSession.connect(t.fake.url(), GitHubAuth.app("123456", () -> pem),
                PublishTestSupport.REPO, t.connector());
        PublishResult result = new PullRequestPublisher(new GitHubPlatform(session), PullRequestPublisher.Options.defaults())
                .publish(t.change());
        assertEquals(Outcome.CREATED, result.outcome(), result.summary());
        assertTrue(t.fake.requests().stream().anyMatch(r -> r.path().equals("/app/installations/4242/access_tokens")
                && r.status() == 201), t.fake.requests().toString());
        long tokenRequests = t.fake.requests().stream().filter(r -> r.path().endsWith("/access_tokens")).count();
        assertEquals(1, tokenRequests, "the installation token is reused within the run");
        assertFalse(GitHubAuth.app("123456", () -> pem).toString().contains("PRIVATE"));
    }

    @Test
    void aWrongAppKeyIsRejectedInOneLine() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        t.fake.enableApp("123456", generator.generateKeyPair().getPublic());
        String otherKey = TestSecrets.pkcs8Pem(generator.generateKeyPair().getPrivate());
        GitHubSession session = GitHubSession.connect(t.fake.url(), GitHubAuth.app("123456", () -> otherKey),
                PublishTestSupport.REPO, t.connector());
        PublishException e = assertThrows(PublishException.class,
                () -> new PullRequestPublisher(new GitHubPlatform(session), PullRequestPublisher.Options.defaults()).publish(t.change()));
        assertTrue(e.getMessage().contains("401") && e.getMessage().contains(PublishTestSupport.REPO), e.getMessage());
        assertFalse(e.getMessage().contains("PRIVATE KEY"));

        PublishException notPem = assertThrows(PublishException.class,
                () -> AppJwt.create("123456", "not a key", java.time.Instant.now()));
        assertTrue(notPem.getMessage().contains("not a PEM RSA key"), notPem.getMessage());
    }
}
