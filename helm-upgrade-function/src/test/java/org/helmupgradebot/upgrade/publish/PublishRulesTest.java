package org.helmupgradebot.upgrade.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.helmupgradebot.upgrade.publish.PlatformException.Kind;
import org.helmupgradebot.upgrade.publish.PublishResult.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The convergence rules of {@link PullRequestPublisher} on a platform in memory: no HTTP, no fixtures. */
class PublishRulesTest {
    private static final String REPO = "org/deploy";
    private static final String CHART = "chart/Chart.yaml";
    private static final String OLD = "0.2.0-n465.hb35ec4e";
    private static final String NEW = "0.2.0-n471.hf76e37e";
    private static final String NEWER = "0.2.0-n472.h32e06ee";
    private static final String TEXT = "dependencies:\n  - name: binderhub\n    version: %s\n";

    private InMemoryPlatform platform;

    @BeforeEach
    void setUp() {
        platform = new InMemoryPlatform();
        platform.createRepo(REPO, "main", Map.of(CHART, TEXT.formatted(OLD), "README.md", "hi\n"));
    }

    private static ChangeSet change(String version) {
        return new ChangeSet(REPO, "main", "deploy", Map.of(CHART, TEXT.formatted(version)),
                List.of(new BumpSummary("binderhub", CHART, OLD, version, Optional.of("jupyterhub/binderhub"))),
                List.of("dependencies"), List.of());
    }

    private PublishResult publish(ChangeSet change) {
        return new PullRequestPublisher(platform, PullRequestPublisher.Options.defaults()).publish(change);
    }

    private String branchFile() {
        String head = platform.branches.get(REPO).get("helm-upgrade-bot/deploy");
        return platform.commits.get(head).files().get(CHART);
    }

    @Test
    void createsOnceLeavesAnUnchangedPullRequestAloneAndUpdatesTheSameOne() {
        PublishResult first = publish(change(NEW));
        assertEquals(Outcome.CREATED, first.outcome(), first.summary());
        assertEquals(1, platform.openPulls(REPO).size());
        assertEquals(TEXT.formatted(NEW), branchFile());
        assertEquals("hi\n", platform.commits.get(platform.branches.get(REPO)
                .get("helm-upgrade-bot/deploy")).files().get("README.md"), "README.md kept");

        platform.log.clear();
        PublishResult second = publish(change(NEW));
        assertEquals(Outcome.UNCHANGED, second.outcome());
        assertEquals(List.of("openPulls", "commitInfo"), platform.log, "an unchanged run only reads");

        PublishResult third = publish(change(NEWER));
        assertEquals(Outcome.UPDATED, third.outcome());
        assertEquals(first.pullNumber(), third.pullNumber());
        assertEquals(TEXT.formatted(NEWER), branchFile());
        assertEquals("binderhub: " + OLD + "..." + NEWER, platform.openPulls(REPO).get(0).title);
        assertEquals(1, platform.openPulls(REPO).size());
    }

    @Test
    void aPersonsCommitOnTheBranchIsNeverOverwrittenAndCommentedOnOnce() {
        publish(change(NEW));
        String human = platform.push(REPO, "helm-upgrade-bot/deploy", Map.of(CHART, "mine\n"));
        assertEquals(Outcome.SKIPPED_HUMAN_COMMITS, publish(change(NEWER)).outcome());
        assertEquals(Outcome.SKIPPED_HUMAN_COMMITS, publish(change(NEWER)).outcome());
        assertEquals(human, platform.branches.get(REPO).get("helm-upgrade-bot/deploy"));
        assertEquals(1, platform.openPulls(REPO).get(0).comments.size(), "one comment, not one per run");
    }

    @Test
    void aLeftoverBranchWithAPersonsCommitAndNoPullRequestIsNotOverwritten() {
        platform.fail("createPull", Kind.UNAVAILABLE, false);
        assertThrows(PlatformException.class, () -> publish(change(NEW)));
        String human = platform.push(REPO, "helm-upgrade-bot/deploy", Map.of(CHART, "mine\n"));
        PublishException e = assertThrows(PublishException.class, () -> publish(change(NEWER)));
        assertTrue(e.getMessage().contains("not overwriting"), e.getMessage());
        assertEquals(human, platform.branches.get(REPO).get("helm-upgrade-bot/deploy"));
    }

    static Stream<Arguments> operations() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (String op : List.of("openPulls", "head", "commit", "createBranch", "createPull", "addLabels",
                "commitInfo", "moveBranch", "editPull")) {
            for (boolean after : List.of(false, true)) {
                all.add(Arguments.of(op, after));
            }
        }
        return all.build();
    }

    /** A failure at any step of a create or an update, before or after it took effect, then a rerun. */
    @ParameterizedTest(name = "{0}, answer lost: {1}")
    @MethodSource("operations")
    void aFailureAtAnyStepConvergesToOnePullRequestOnTheRerun(String operation, boolean afterApplying) {
        boolean update = List.of("commitInfo", "moveBranch", "editPull").contains(operation);
        if (update) {
            publish(change(NEW));
        }
        ChangeSet wanted = change(update ? NEWER : NEW);
        platform.fail(operation, Kind.UNAVAILABLE, afterApplying);
        try {
            publish(wanted);
        } catch (PlatformException e) {
            assertTrue(e.is(Kind.UNAVAILABLE), e.getMessage());
        }
        PublishResult rerun = publish(wanted);
        assertTrue(rerun.outcome() != Outcome.SKIPPED_HUMAN_COMMITS, rerun.summary());
        assertEquals(1, platform.openPulls(REPO).size());
        assertEquals(List.of("dependencies"), platform.openPulls(REPO).get(0).labels);
        assertEquals(wanted.files().get(CHART), branchFile());
        assertEquals(PullRequestText.title(wanted), platform.openPulls(REPO).get(0).title);
        platform.log.clear();
        assertEquals(Outcome.UNCHANGED, publish(wanted).outcome(), "converged");
    }

    @Test
    void mergedPullRequestsAreListedAndAFailureToListThemNeverBlocksTheBump() {
        platform.history.put("jupyterhub/binderhub b35ec4e...f76e37e", List.of(
                new String[] {"Merge pull request #1234 from alice/fix\n\nFix the launch button", "Alice"},
                new String[] {"typo", "Bob"},
                new String[] {"Use the new API (#1240)", "Carol C"}));
        PublishResult created = publish(change(NEW));
        String body = platform.openPulls(REPO).get(0).body;
        assertTrue(body.contains("- [#1234](https://github.com/jupyterhub/binderhub/pull/1234) Fix the launch button (alice)"),
                body);
        assertTrue(body.contains("- [#1240](https://github.com/jupyterhub/binderhub/pull/1240) Use the new API (Carol C)"),
                body);
        assertTrue(platform.log.contains("mergedPulls"));

        PublishResult updated = publish(change(NEWER)); // no comparison known for b35ec4e...32e06ee
        assertEquals(Outcome.UPDATED, updated.outcome(), updated.summary());
        body = platform.openPulls(REPO).get(0).body;
        assertTrue(body.contains("Could not be listed (no comparison b35ec4e...32e06ee in jupyterhub/binderhub)"), body);
        assertEquals(TEXT.formatted(NEWER), branchFile(), "the bump went ahead");
        assertTrue(created.apiCalls() > 0);
    }

    // --- the dashboard issue ---

    private DashboardText.State state(List<String> errors, Instant when) {
        return new DashboardText.State("deploy", REPO, List.of(), List.of("traefik"), Map.of(), errors, when);
    }

    @Test
    void theDashboardIsCreatedOnceThenLeftAloneThenEditedWhenWhatItSaysChanges() {
        DashboardPublisher dashboard = new DashboardPublisher(platform);
        DashboardPublisher.Result first = dashboard.update(REPO, state(List.of(), Instant.parse("2026-01-01T03:00:00Z")));
        assertEquals(DashboardPublisher.Outcome.CREATED, first.outcome());
        DashboardPublisher.Result same = dashboard.update(REPO, state(List.of(), Instant.parse("2026-01-02T03:00:00Z")));
        assertEquals(DashboardPublisher.Outcome.UNCHANGED, same.outcome(), "only the run's time differs");
        assertEquals(1, same.apiCalls(), "one read, no write");
        DashboardPublisher.Result failed = dashboard.update(REPO,
                state(List.of("index unreachable"), Instant.parse("2026-01-03T03:00:00Z")));
        assertEquals(DashboardPublisher.Outcome.UPDATED, failed.outcome());
        DashboardPublisher.Result ok = dashboard.update(REPO, state(List.of(), Instant.parse("2026-01-04T03:00:00Z")));
        assertEquals(DashboardPublisher.Outcome.UPDATED, ok.outcome(), "the result went back to ok");
        String body = platform.openIssues(REPO).get(0).body;
        assertTrue(body.contains("**Last run**: ok"), body);
        assertTrue(body.contains("**Last error**: 2026-01-03T03:00:00Z: index unreachable"), "the last error stays: " + body);
        assertEquals(1, platform.openIssues(REPO).size());
        assertEquals(2, platform.openIssues(REPO).get(0).edits);
    }

    @ParameterizedTest(name = "{0}, answer lost: {1}")
    @MethodSource("dashboardOperations")
    void aFaultAtAnyDashboardStepNeverDuplicatesIt(String operation, boolean afterApplying) {
        DashboardPublisher dashboard = new DashboardPublisher(platform);
        if (operation.equals("editIssue")) {
            dashboard.update(REPO, state(List.of(), Instant.EPOCH));
        }
        platform.fail(operation, Kind.UNAVAILABLE, afterApplying);
        List<String> errors = List.of("changed");
        try {
            dashboard.update(REPO, state(errors, Instant.EPOCH));
        } catch (PlatformException e) {
            assertTrue(e.getMessage().startsWith("dashboard issue: "), e.getMessage());
        }
        dashboard.update(REPO, state(errors, Instant.EPOCH));
        assertEquals(DashboardPublisher.Outcome.UNCHANGED, dashboard.update(REPO, state(errors, Instant.EPOCH)).outcome());
        assertEquals(1, platform.openIssues(REPO).size());
        assertTrue(platform.openIssues(REPO).get(0).body.contains("changed"));
    }

    static Stream<Arguments> dashboardOperations() {
        return Stream.of(Arguments.of("findIssue", false), Arguments.of("createIssue", false),
                Arguments.of("createIssue", true), Arguments.of("editIssue", false), Arguments.of("editIssue", true));
    }
}
