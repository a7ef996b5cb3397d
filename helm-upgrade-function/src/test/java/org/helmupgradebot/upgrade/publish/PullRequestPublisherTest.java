package org.helmupgradebot.upgrade.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.helmupgradebot.upgrade.publish.PublishResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PullRequestPublisherTest {
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

    @Test
    void createsOnceThenLeavesAloneThenUpdatesTheSamePullRequest() {
        // Without the merged pull requests: the figures of the pull request alone. A new session per
        // run, as a real run has.
        java.util.function.Supplier<PullRequestPublisher> publisher =
                () -> t.publisher(PullRequestPublisher.Options.defaults().withMergedPulls(false));
        PublishResult first = publisher.get().publish(t.change());
        assertEquals(Outcome.CREATED, first.outcome(), first.summary());
        List<FakeGitHub.Pull> open = t.fake.openPulls(PublishTestSupport.REPO);
        assertEquals(1, open.size());
        FakeGitHub.Pull pull = open.get(0);
        assertEquals("binderhub: " + PublishTestSupport.OLD + "..." + PublishTestSupport.NEW, pull.title);
        assertEquals(List.of("dependencies"), pull.labels);
        assertEquals(List.of("consideRatio"), pull.reviewers);
        assertEquals("helm-upgrade-bot/binderhub", pull.headRef);
        assertTrue(pull.body.contains("https://github.com/jupyterhub/binderhub/compare/6ba80cf...41b9d77"), pull.body);
        String branchHead = t.fake.ref(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub").orElseThrow();
        assertEquals(t.after, t.fake.file(branchHead, PublishTestSupport.CHART), "the branch holds the edited file");
        assertEquals("# infrastructure\n", t.fake.file(branchHead, "README.md"), "other files are kept");
        assertEquals(t.fake.ref(PublishTestSupport.REPO, "main").orElseThrow(),
                t.fake.commit(branchHead).parents().get(0), "the commit sits on the base head");
        assertEquals(first.apiCalls(), t.fake.requests().size(), "the result counts every request");
        System.out.println("new PR: " + first.apiCalls() + " calls " + t.fake.requests());
        assertEquals(10, first.apiCalls(), "7 + label + reviewer lookup + reviewer request");

        t.fake.clearLog();
        PublishResult second = publisher.get().publish(t.change());
        assertEquals(Outcome.UNCHANGED, second.outcome(), second.summary());
        assertEquals(List.of(), t.writes(), "an unchanged run writes nothing");
        assertEquals(second.apiCalls(), t.fake.requests().size());
        System.out.println("unchanged: " + second.apiCalls() + " calls " + t.fake.requests());
        assertEquals(3, second.apiCalls());

        t.fake.clearLog();
        PublishResult third = publisher.get().publish(t.newerChange());
        assertEquals(Outcome.UPDATED, third.outcome(), third.summary());
        assertEquals(first.pullNumber(), third.pullNumber(), "the same pull request is updated");
        open = t.fake.openPulls(PublishTestSupport.REPO);
        assertEquals(1, open.size());
        assertEquals("binderhub: " + PublishTestSupport.OLD + "..." + PublishTestSupport.NEWER, open.get(0).title);
        assertTrue(open.get(0).body.contains("compare/6ba80cf...b2c3d4e"), open.get(0).body);
        String newHead = t.fake.ref(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub").orElseThrow();
        assertTrue(t.fake.file(newHead, PublishTestSupport.CHART).contains(PublishTestSupport.NEWER));
        assertEquals(List.of("dependencies"), open.get(0).labels, "labels kept, not duplicated");
        System.out.println("updated: " + third.apiCalls() + " calls " + t.fake.requests());
        assertEquals(10, third.apiCalls());

        t.fake.clearLog();
        assertEquals(Outcome.UNCHANGED, publisher.get().publish(t.newerChange()).outcome());
        assertEquals(List.of(), t.writes());
    }

    @Test
    void nothingToBumpMakesNoRequestAtAll() {
        ChangeSet empty = new ChangeSet(PublishTestSupport.REPO, "main", "binderhub", Map.of(), List.of(),
                List.of(), List.of());
        PublishResult result = t.publisher().publish(empty);
        assertEquals(Outcome.NOTHING_TO_DO, result.outcome());
        assertEquals(0, result.apiCalls());
        assertEquals(List.of(), t.fake.requests());
        assertTrue(t.fake.ref(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub").isEmpty(), "no branch");
    }

    @Test
    void aRunKilledAfterPushingTheBranchConvergesToOnePullRequest() {
        // Every attempt at creating the pull request fails: the run dies with the branch pushed.
        t.fake.inject(new FakeGitHub.Fault("POST", ".*/pulls", 500, Map.of(), false, 4));
        PublishException died = assertThrows(PublishException.class, () -> t.publisher().publish(t.change()));
        assertTrue(died.getMessage().contains("creating the pull request"), died.getMessage());
        assertTrue(t.fake.ref(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub").isPresent());
        assertEquals(0, t.fake.pulls(PublishTestSupport.REPO).size());

        PublishResult rerun = t.publisher().publish(t.change());
        assertEquals(Outcome.CREATED, rerun.outcome(), rerun.summary());
        assertEquals(1, t.fake.pulls(PublishTestSupport.REPO).size());
        assertEquals(Outcome.UNCHANGED, t.publisher().publish(t.change()).outcome());
        assertEquals(1, t.fake.pulls(PublishTestSupport.REPO).size());
    }

    @Test
    void aPullRequestCreatedWhoseAnswerWasLostIsFoundNotDuplicated() {
        t.fake.inject(new FakeGitHub.Fault("POST", ".*/pulls", 502, Map.of(), true, 1));
        PublishResult result = t.publisher().publish(t.change());
        assertEquals(1, t.fake.pulls(PublishTestSupport.REPO).size(), result.summary());
        assertEquals(List.of("dependencies"), t.fake.openPulls(PublishTestSupport.REPO).get(0).labels);
        assertEquals(Outcome.UNCHANGED, t.publisher().publish(t.change()).outcome());
    }

    @Test
    void humanCommitsOnTheBranchAreNotOverwrittenAndCommentedOnOnce() {
        assertEquals(Outcome.CREATED, t.publisher().publish(t.change()).outcome());
        String human = t.fake.push(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub", "alice",
                Map.of(PublishTestSupport.CHART, t.after + "# pinned on purpose\n"));

        PublishResult skipped = t.publisher().publish(t.newerChange());
        assertEquals(Outcome.SKIPPED_HUMAN_COMMITS, skipped.outcome(), skipped.summary());
        assertEquals(human, t.fake.ref(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub").orElseThrow());
        FakeGitHub.Pull pull = t.fake.openPulls(PublishTestSupport.REPO).get(0);
        assertEquals(1, pull.comments.size());
        assertTrue(pull.comments.get(0).get("body").contains(human));

        t.fake.clearLog();
        assertEquals(Outcome.SKIPPED_HUMAN_COMMITS, t.publisher().publish(t.newerChange()).outcome());
        assertEquals(1, t.fake.openPulls(PublishTestSupport.REPO).get(0).comments.size(), "not repeated");
        assertEquals(List.of(), t.writes());
        assertEquals(human, t.fake.ref(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub").orElseThrow());
    }

    @Test
    void aLeftoverBranchWithAPersonsCommitAndNoPullRequestIsNotOverwritten() {
        t.fake.inject(new FakeGitHub.Fault("POST", ".*/pulls", 500, Map.of(), false, 4));
        assertThrows(PublishException.class, () -> t.publisher().publish(t.change()));
        String human = t.fake.push(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub", "alice", Map.of("x", "y"));
        PublishException e = assertThrows(PublishException.class, () -> t.publisher().publish(t.newerChange()));
        assertTrue(e.getMessage().contains("not overwriting"), e.getMessage());
        assertEquals(human, t.fake.ref(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub").orElseThrow());
    }

    @Test
    void aBranchDeletedUnderAnOpenPullRequestIsRecreated() {
        assertEquals(Outcome.CREATED, t.publisher().publish(t.change()).outcome());
        t.fake.repo(PublishTestSupport.REPO).refs.remove("refs/heads/helm-upgrade-bot/binderhub");
        PublishResult result = t.publisher().publish(t.newerChange());
        assertEquals(Outcome.UPDATED, result.outcome(), result.summary());
        String head = t.fake.ref(PublishTestSupport.REPO, "helm-upgrade-bot/binderhub").orElseThrow();
        assertTrue(t.fake.file(head, PublishTestSupport.CHART).contains(PublishTestSupport.NEWER));
        assertEquals(1, t.fake.openPulls(PublishTestSupport.REPO).size());
    }

    @Test
    void findsItsPullRequestAcrossPages() {
        t.fake.maxPageSize(1);
        // Two other open pull requests from the same head branch, to other base branches, come first.
        t.fake.addPull(PublishTestSupport.REPO, PublishTestSupport.REPO.split("/")[0], "helm-upgrade-bot/binderhub",
                "staging", "other base");
        t.fake.addPull(PublishTestSupport.REPO, PublishTestSupport.REPO.split("/")[0], "helm-upgrade-bot/binderhub",
                "prod", "other base");
        PublishResult first = t.publisher().publish(t.change());
        assertEquals(Outcome.CREATED, first.outcome(), first.summary());
        t.fake.clearLog();
        PublishResult second = t.publisher().publish(t.change());
        assertEquals(Outcome.UNCHANGED, second.outcome(), second.summary());
        assertTrue(t.fake.requests().stream().anyMatch(r -> r.path().contains("page=3")), t.fake.requests().toString());
        assertEquals(List.of(), t.writes());
        assertEquals(3, t.fake.openPulls(PublishTestSupport.REPO).size());
    }

    @Test
    void severalBumpsGetATitleNamingEachAndATable() {
        ChangeSet two = new ChangeSet(PublishTestSupport.REPO, "main", "binderhub",
                Map.of(PublishTestSupport.CHART, t.after, "README.md", "# infrastructure (bumped)\n"),
                List.of(t.change().bumps().get(0),
                        new BumpSummary("ingress-nginx", "README.md", "4.9.0", "4.10.0", java.util.Optional.empty())),
                List.of(), List.of());
        assertEquals(Outcome.CREATED, t.publisher().publish(two).outcome());
        FakeGitHub.Pull pull = t.fake.openPulls(PublishTestSupport.REPO).get(0);
        assertEquals("binderhub: " + PublishTestSupport.OLD + "..." + PublishTestSupport.NEW
                + ", ingress-nginx: 4.9.0...4.10.0", pull.title);
        assertTrue(pull.body.contains("| ingress-nginx | `README.md` | `4.9.0` | `4.10.0` | no source known"), pull.body);
        assertTrue(pull.labels.isEmpty());
        assertFalse(pull.body.contains(PublishTestSupport.TOKEN));
    }

    /** jupyterhub/binderhub in the stand-in, with merges between the three versions' commits, tagged by short sha. */
    private void seedBinderHubHistory() {
        String src = "jupyterhub/binderhub";
        t.fake.createRepo(src, "main", Map.of("README.md", "binderhub\n"));
        t.fake.tag(src, "6ba80cf", t.fake.ref(src, "main").orElseThrow());
        List<String> shas = t.fake.commitChain(src, "main", List.of(
                new String[] {"Merge pull request #1780 from alice/launch\n\nShow the launch progress", "Alice A"},
                new String[] {"fix typo", "Bob"},
                new String[] {"Pin the builder image (#1782)", "Carol C"}));
        t.fake.tag(src, "41b9d77", shas.get(2));
        List<String> later = t.fake.commitChain(src, "main", List.<String[]>of(
                new String[] {"Merge pull request #1790 from dave/health\n\nA health check", "Dave"}));
        t.fake.tag(src, "b2c3d4e", later.get(0));
    }

    @Test
    void theBodyListsTheMergedPullRequestsFromOneComparisonAndTheCallsAreCounted() {
        seedBinderHubHistory();
        PublishResult first = t.publisher().publish(t.change());
        assertEquals(Outcome.CREATED, first.outcome(), first.summary());
        FakeGitHub.Pull pull = t.fake.openPulls(PublishTestSupport.REPO).get(0);
        assertTrue(pull.body.contains("#### binderhub: merged pull requests"), pull.body);
        assertTrue(pull.body.contains(
                "- [#1780](https://github.com/jupyterhub/binderhub/pull/1780) Show the launch progress (alice)"), pull.body);
        assertTrue(pull.body.contains(
                "- [#1782](https://github.com/jupyterhub/binderhub/pull/1782) Pin the builder image (Carol C)"), pull.body);
        assertFalse(pull.body.contains("#1790"), "not beyond the new version");
        assertEquals(1, t.fake.requests().stream().filter(r -> r.path().contains("/compare/6ba80cf...41b9d77")).count());
        System.out.println("new PR with merged PRs: " + first.apiCalls() + " calls");
        assertEquals(12, first.apiCalls(), "10 + the source repository + one comparison");

        t.fake.clearLog();
        PublishResult second = t.publisher().publish(t.change());
        assertEquals(Outcome.UNCHANGED, second.outcome());
        assertEquals(3, second.apiCalls(), "an unchanged pull request needs no comparison");

        PublishResult third = t.publisher().publish(t.newerChange());
        assertEquals(Outcome.UPDATED, third.outcome());
        String body = t.fake.openPulls(PublishTestSupport.REPO).get(0).body;
        assertTrue(body.contains("#1790") && body.contains("#1780"), body);
        System.out.println("updated with merged PRs: " + third.apiCalls() + " calls");
        assertEquals(12, third.apiCalls());
    }

    @Test
    void aComparisonThatFailsIsSaidInTheBodyAndDoesNotBlockTheBump() {
        seedBinderHubHistory();
        t.fake.inject(new FakeGitHub.Fault("GET", ".*/compare/.*", 500, Map.of(), false, 10));
        PublishResult result = t.publisher().publish(t.change());
        assertEquals(Outcome.CREATED, result.outcome(), result.summary());
        String body = t.fake.openPulls(PublishTestSupport.REPO).get(0).body;
        assertTrue(body.contains("Could not be listed (GitHub answered 500"), body);
        assertTrue(body.contains("the bump does not depend on them"), body);
    }
}
