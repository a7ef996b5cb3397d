package org.helmupgradebot.upgrade.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.helmupgradebot.upgrade.version.Selection.Outcome;
import org.junit.jupiter.api.Test;

class VersionSelectorTest {

    private final VersionSelector selector = new VersionSelector();

    private static List<Candidate> tags(String... versions) {
        return java.util.Arrays.stream(versions).map(Candidate::tag).toList();
    }

    private static Candidate at(String version, String created) {
        return Candidate.published(version, OffsetDateTime.parse(created).toInstant());
    }

    private Selection select(String pin, List<Candidate> candidates) {
        return selector.select(pin, candidates, VersionPolicy.DEFAULT);
    }

    private static void assertBump(String expected, Selection s) {
        assertEquals(Outcome.BUMP, s.outcome(), s.reason());
        assertEquals(Optional.of(expected), s.newest(), s.reason());
    }

    private static void assertCurrent(Selection s) {
        assertEquals(Outcome.CURRENT, s.outcome(), () -> "expected no bump, got " + s);
        assertEquals(Optional.empty(), s.newest());
    }

    // --- stable stream ---

    @Test
    void stablePinGetsTheGreatestStableBySemverNotByListOrder() {
        Selection s = select("3.3.7", tags("3.3.8", "4.1.0", "4.0.0", "4.2.0-beta.1", "3.10.0", "4.1.0-rc.1"));
        assertBump("4.1.0", s);
        assertEquals("newest stable 4.1.0", s.reason());
    }

    @Test
    void stablePinIgnoresNewerPrereleasesAndDevBuilds() {
        assertCurrent(select("4.1.0", tags("4.1.0", "4.2.0-beta.1", "5.0.0-0.dev.git.1.habc", "4.1.1-rc.1")));
        assertEquals("pin 4.1.0 is the newest stable",
                select("4.1.0", tags("4.1.0", "4.2.0-beta.1")).reason());
    }

    @Test
    void stablePinIsNeverDowngradedEvenWhenOlderReleasesArePublishedLater() {
        List<Candidate> index = List.of(
                at("4.15.0", "2026-03-09T20:29:39Z"),
                at("4.14.5", "2026-03-19T21:11:08Z"),
                at("4.13.9", "2026-03-19T21:12:00Z"));
        assertCurrent(select("4.15.0", index));
    }

    @Test
    void versionsComparedNumericallyNotAsText() {
        assertBump("1.10.0", select("1.9.0", tags("1.10.0", "1.9.1", "1.2.0")));
        assertBump("v2024.10.0", select("2024.9.0", tags("v2024.10.0", "2024.09.1")));
    }

    @Test
    void returnsTheOfferedSpellingExactly() {
        assertBump("v0.7", select("v0.6", tags("v0.6", "v0.7", "0.6.1")));
        assertBump("2024.01.1", select("2023.12.0", tags("2024.01.1")));
    }

    @Test
    void thePinItselfInAnotherSpellingIsNotABump() {
        assertCurrent(select("1.0.0", tags("v1.0.0", "v1.0", "1.0.0", "0.9.0")));
        assertCurrent(select("v1.0", tags("1.0.0")));
    }

    @Test
    void stablePolicyMovesAPrereleasePinOnlyToAStableReleaseOfItsCoreOrLater() {
        VersionPolicy stable = VersionPolicy.DEFAULT.withPrerelease(Prerelease.STABLE);
        assertCurrent(selector.select("4.0.0-beta.4", tags("3.3.8", "4.0.0-beta.5", "3.4.0"), stable));
        assertBump("4.0.0", selector.select("4.0.0-beta.4", tags("3.3.8", "4.0.0", "4.0.1-beta.1"), stable));
        assertBump("4.2.0", selector.select("4.0.0-beta.4", tags("4.0.0", "4.2.0", "4.3.0-rc.1"), stable));
        assertEquals("no stable release newer than pin 4.0.0-beta.4",
                selector.select("4.0.0-beta.4", tags("3.3.8"), stable).reason());
    }

    @Test
    void stablePolicyOnAStablePinBehavesLikeAuto() {
        VersionPolicy stable = VersionPolicy.DEFAULT.withPrerelease(Prerelease.STABLE);
        List<Candidate> offered = tags("3.3.8", "4.0.0-beta.1", "3.3.9", "4.0.0");
        assertEquals(select("3.3.7", offered), selector.select("3.3.7", offered, stable));
    }

    // --- dev stream, dated (Helm index) ---

    @Test
    void devPinFollowsTheCounterAsANumberNotAsText() {
        // Old chartpress counters: n988 sorts above n1011 as text, but n1011 is newer, even if published first.
        List<Candidate> index = List.of(
                at("0.2.0-n988.h72e1852", "2019-02-01T10:00:00Z"),
                at("0.2.0-n1011.h1234567", "2019-01-01T10:00:00Z"),
                at("0.2.0-3b53fce", "2018-12-01T10:00:00Z"));
        assertBump("0.2.0-n1011.h1234567", select("0.2.0-n988.h72e1852", index));
        assertCurrent(select("0.2.0-n1011.h1234567", index));
        assertBump("0.2.0-n1011.h1234567", select("0.2.0-3b53fce", index));
        assertBump("0.2.0-056.8c51534", select("0.2.0-045.1a2b3c4", List.of(
                at("0.2.0-045.1a2b3c4", "2018-06-01T10:00:00Z"), at("0.2.0-056.8c51534", "2018-05-01T10:00:00Z"))));
    }

    @Test
    void aHigherCounterWinsOverALaterPublicationWithinOneStream() {
        // The binderhub case: CI published 3437 six minutes after 3439, whose commit contains it.
        List<Candidate> index = List.of(
                at("1.0.0-0.dev.git.3431.h8a8a59e", "2024-05-07T09:00:00Z"),
                at("1.0.0-0.dev.git.3439.h5c05e7a", "2024-05-08T10:25:17.913149641Z"),
                at("1.0.0-0.dev.git.3437.h81a3428", "2024-05-08T10:31:37.18240037Z"));
        Selection s = select("1.0.0-0.dev.git.3431.h8a8a59e", index);
        assertBump("1.0.0-0.dev.git.3439.h5c05e7a", s);
        assertEquals("newest in the dev stream 1.0.0-0.dev.git.3439.h5c05e7a (created 2024-05-08T10:25:17.913149641Z)",
                s.reason());
        assertBump("1.0.0-0.dev.git.3439.h5c05e7a", select("1.0.0-0.dev.git.3437.h81a3428", index));
        assertCurrent(select("1.0.0-0.dev.git.3439.h5c05e7a", index));
        // A build published after both, of the same stream, is newer again; a higher core wins over everything.
        List<Candidate> later = new ArrayList<>(index);
        later.add(at("1.0.0-0.dev.git.3440.h0000001", "2024-05-08T11:00:00Z"));
        assertBump("1.0.0-0.dev.git.3440.h0000001", select("1.0.0-0.dev.git.3437.h81a3428", later));
        later.add(at("1.0.1-0.dev.git.3.h0000002", "2024-05-01T00:00:00Z"));
        assertBump("1.0.1-0.dev.git.3.h0000002", select("1.0.0-0.dev.git.3437.h81a3428", later));
    }

    @Test
    void aBuildWithoutACounterFallsBackToCreated() {
        // Bare-sha builds (old chartpress) carry no counter: only the date orders them, whatever the sha says.
        List<Candidate> shas = List.of(
                at("0.2.0-fe678dc", "2019-01-01T10:00:00Z"),
                at("0.2.0-3b53fce", "2019-03-01T10:00:00Z"),
                at("0.2.0-0d300b8", "2019-02-01T10:00:00Z"));
        assertBump("0.2.0-3b53fce", select("0.2.0-fe678dc", shas));
        assertBump("0.2.0-3b53fce", select("0.2.0-0d300b8", shas));
        assertCurrent(select("0.2.0-3b53fce", shas));
        // A counted build and a bare sha of one core: created decides either way.
        List<Candidate> mixed = List.of(
                at("0.2.0-n988.h72e1852", "2020-01-01T10:00:00Z"),
                at("0.2.0-3b53fce", "2019-03-01T10:00:00Z"));
        assertBump("0.2.0-n988.h72e1852", select("0.2.0-3b53fce", mixed));
        assertCurrent(select("0.2.0-n988.h72e1852", mixed));
        List<Candidate> shaLater = List.of(
                at("0.2.0-n988.h72e1852", "2019-01-01T10:00:00Z"),
                at("0.2.0-3b53fce", "2019-03-01T10:00:00Z"));
        assertBump("0.2.0-3b53fce", select("0.2.0-n988.h72e1852", shaLater));
    }

    @Test
    void equalCountersFallBackToCreated() {
        List<Candidate> index = List.of(
                at("1.0.0-0.dev.git.50.haaaaaaa", "2024-01-02T00:00:00Z"),
                at("1.0.0-0.dev.git.50.hbbbbbbb", "2024-01-01T00:00:00Z"));
        assertBump("1.0.0-0.dev.git.50.haaaaaaa", select("1.0.0-0.dev.git.50.hbbbbbbb", index));
        assertCurrent(select("1.0.0-0.dev.git.50.haaaaaaa", index));
    }

    @Test
    void countersOfDifferentStreamsDoNotCompareSoCreatedDecides() {
        // Counters restart with every tag: n012 after the 0.9.0 release is newer than beta.3's n100.
        List<Candidate> index = List.of(
                at("0.9.0-beta.3.n100.h1111111", "2020-03-01T00:00:00Z"),
                at("0.9.0", "2020-04-01T00:00:00Z"),
                at("0.9.0-n012.h2222222", "2020-05-01T00:00:00Z"));
        assertBump("0.9.0-n012.h2222222", select("0.9.0-beta.3.n100.h1111111", index));
        assertCurrent(select("0.9.0-n012.h2222222", index));
        // And a counter's spelling is a stream of its own: git.5800 came after n031 of the same tag.
        List<Candidate> spellings = List.of(
                at("2.0.0-beta.1.n031.hc5adeae4", "2022-01-01T00:00:00Z"),
                at("2.0.0-beta.1.git.5800.he1ff6dbc", "2022-02-01T00:00:00Z"));
        assertBump("2.0.0-beta.1.git.5800.he1ff6dbc", select("2.0.0-beta.1.n031.hc5adeae4", spellings));
    }

    @Test
    void aLaterBuildOfTheStreamKeepsTheReachOfItsPredecessors() {
        // 3437 was published last; 3439 contains it, so 3439 stands where 3437 does and ranks above a bare-sha
        // build published in between, and above the pin published at that same minute.
        List<Candidate> index = List.of(
                at("1.0.0-0.dev.git.3439.h5c05e7a", "2024-05-08T10:25:00Z"),
                at("1.0.0-3b53fce", "2024-05-08T10:28:00Z"),
                at("1.0.0-0.dev.git.3437.h81a3428", "2024-05-08T10:31:00Z"));
        assertBump("1.0.0-0.dev.git.3439.h5c05e7a", select("1.0.0-3b53fce", index));
        assertBump("1.0.0-0.dev.git.3439.h5c05e7a", select("1.0.0-0.dev.git.3437.h81a3428", index));
    }

    @Test
    void createdIsComparedAsAnInstantAcrossOffsets() {
        // As text "2020-10-23T19:09:20+02:00" sorts after "2020-10-23T18:00:00Z", but it is an hour earlier.
        List<Candidate> index = List.of(
                at("0.10.0-n100.h1", "2020-10-23T19:09:20.250049587+02:00"),
                at("0.10.0-n101.h2", "2020-10-23T18:00:00Z"));
        assertBump("0.10.0-n101.h2", select("0.10.0-n100.h1", index));
        assertCurrent(select("0.10.0-n101.h2", index));
    }

    @Test
    void aHigherCoreWinsOverALaterDateInALowerCore() {
        List<Candidate> index = List.of(
                at("1.0.0-0.dev.git.10.ha", "2024-01-01T00:00:00Z"),
                at("1.1.0-0.dev.git.20.hb", "2024-02-01T00:00:00Z"),
                at("1.0.1-0.dev.git.30.hc", "2024-03-01T00:00:00Z"));
        Selection s = select("1.0.0-0.dev.git.10.ha", index);
        assertBump("1.1.0-0.dev.git.20.hb", s);
        assertTrue(s.reason().startsWith("newest in the dev stream 1.1.0-0.dev.git.20.hb"), s.reason());
    }

    @Test
    void devPinNeverMovesToALowerCoreEvenIfPublishedLater() {
        List<Candidate> index = List.of(
                at("2.0.0-0.dev.git.5.ha", "2024-01-01T00:00:00Z"),
                at("1.9.9", "2024-06-01T00:00:00Z"),
                at("1.9.9-0.dev.git.99.hb", "2024-07-01T00:00:00Z"));
        Selection s = select("2.0.0-0.dev.git.5.ha", index);
        assertCurrent(s);
        assertEquals("pin 2.0.0-0.dev.git.5.ha is newest in the dev stream", s.reason());
    }

    @Test
    void aDevBuildPublishedAfterItsReleaseIsNewerThanTheRelease() {
        List<Candidate> index = List.of(
                at("1.0.1-0.dev.git.95.he191302", "2024-01-01T00:00:00Z"),
                at("1.0.1", "2024-02-01T00:00:00Z"),
                at("1.0.1-0.dev.git.102.hc8c3df1", "2024-03-01T00:00:00Z"));
        assertBump("1.0.1-0.dev.git.102.hc8c3df1", select("1.0.1-0.dev.git.95.he191302", index));
        VersionPolicy devel = VersionPolicy.DEFAULT.withPrerelease(Prerelease.DEVEL);
        assertBump("1.0.1-0.dev.git.102.hc8c3df1", selector.select("1.0.1", index, devel));
        assertCurrent(select("1.0.1", index));
    }

    @Test
    void devPinCanMoveToAStableReleaseOfAHigherCore() {
        List<Candidate> index = List.of(
                at("4.0.0-beta.4", "2024-10-01T00:00:00Z"),
                at("4.0.0", "2024-11-01T00:00:00Z"));
        assertBump("4.0.0", select("4.0.0-beta.4", index));
    }

    @Test
    void aBuildOlderThanThePinInTheSameCoreIsNotProposed() {
        List<Candidate> index = List.of(
                at("1.0.0-0.dev.git.3361.h6ba80cf", "2024-01-10T00:00:00Z"),
                at("1.0.0-0.dev.git.3300.h0000000", "2023-12-01T00:00:00Z"),
                at("1.0.0-0.dev.git.3373.h41b9d77", "2024-01-15T00:00:00Z"));
        assertBump("1.0.0-0.dev.git.3373.h41b9d77", select("1.0.0-0.dev.git.3361.h6ba80cf", index));
        assertCurrent(select("1.0.0-0.dev.git.3373.h41b9d77", index));
    }

    @Test
    void pinWithoutItsOwnEntryFallsBackToTheBuildCounterWithinItsCore() {
        List<Candidate> index = List.of(
                at("1.0.0-0.dev.git.3300.h0000000", "2023-12-01T00:00:00Z"),
                at("1.0.0-0.dev.git.3373.h41b9d77", "2024-01-15T00:00:00Z"));
        assertBump("1.0.0-0.dev.git.3373.h41b9d77", select("1.0.0-0.dev.git.3361.h6ba80cf", index));
        assertCurrent(select("1.0.0-0.dev.git.3400.h6ba80cf", index));
    }

    @Test
    void duplicateEntriesOfThePinUseItsLatestDate() {
        List<Candidate> index = List.of(
                at("4.12.0-beta.0", "2024-01-01T00:00:00Z"),
                at("4.12.0-beta.1", "2024-02-01T00:00:00Z"),
                at("4.12.0-beta.0", "2024-03-01T00:00:00Z"));
        assertCurrent(select("4.12.0-beta.0", index));
    }

    @Test
    void devStreamResultDoesNotDependOnListOrder() {
        List<Candidate> index = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            index.add(at("1.0.0-0.dev.git." + (1000 + i) + ".h" + Integer.toHexString(0xabcdef0 + i),
                    Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * i) + ""));
        }
        String expected = index.get(39).version();
        for (int seed = 0; seed < 5; seed++) {
            List<Candidate> shuffled = new ArrayList<>(index);
            Collections.shuffle(shuffled, new Random(seed));
            assertBump(expected, select("1.0.0-0.dev.git.1000.habcdef0", shuffled));
        }
    }

    // --- dev stream, undated (registry tags) ---

    @Test
    void gitDescribeTagsRankAfterTheirRelease() {
        Selection s = select("0.11.0-175.g8c4eaa7",
                tags("0.11.0", "0.11.0-195.g2f1914d", "0.11.0-180-gaaaaaaa", "latest", "main", "sha-2f1914d"));
        assertBump("0.11.0-195.g2f1914d", s);
        assertEquals("newest in the dev stream 0.11.0-195.g2f1914d", s.reason());
        assertEquals(List.of(), s.unparseable(), "words are silently not candidates");
    }

    @Test
    void devPolicyOnAStablePinTakesGitDescribeBuildsAfterIt() {
        VersionPolicy devel = VersionPolicy.DEFAULT.withPrerelease(Prerelease.DEVEL);
        assertBump("0.11.0-195-g2f1914d",
                selector.select("0.11.0", tags("0.10.0-400.g1111111", "0.11.0-195-g2f1914d", "0.11.0-3.g2222222"), devel));
        assertCurrent(select("0.11.0", tags("0.11.0-195-g2f1914d")));
    }

    @Test
    void pep440DevBuildsComeBeforeTheirRelease() {
        assertBump("2026.4.1", select("2026.4.1.dev44-g97bb4e45a",
                tags("2026.4.1.dev50-g0000000", "2026.4.1", "2026.4.1.dev44-g97bb4e45a", "2026.4.0")));
        assertBump("2026.4.1.dev50-g0000000", select("2026.4.1.dev44-g97bb4e45a",
                tags("2026.4.1.dev50-g0000000", "2026.4.1.dev9-g1111111", "2026.4.0")));
        VersionPolicy devel = VersionPolicy.DEFAULT.withPrerelease(Prerelease.DEVEL);
        assertCurrent(selector.select("2026.4.1", tags("2026.4.1.dev50-g0000000"), devel));
    }

    // --- policy: range and ignore ---

    @Test
    void allowedRangeCapsTheProposal() {
        VersionPolicy below4 = VersionPolicy.DEFAULT.withAllowed(VersionRange.parse("<4.0.0"));
        assertBump("3.3.8", selector.select("3.3.7", tags("3.3.8", "4.0.0", "4.1.0", "3.3.9-beta.1"), below4));
        Selection none = selector.select("3.3.8", tags("3.3.8", "4.0.0"), below4);
        assertCurrent(none);
        assertEquals("pin 3.3.8 is the newest stable allowed by <4.0.0", none.reason());
    }

    @Test
    void allowedRangeAppliesToTheDevStreamToo() {
        VersionPolicy below4 = VersionPolicy.DEFAULT.withAllowed(VersionRange.parse("<4.0.0"));
        List<Candidate> index = List.of(
                at("3.0.0-beta.1", "2023-01-01T00:00:00Z"),
                at("3.3.8", "2024-01-01T00:00:00Z"),
                at("4.0.0-beta.1", "2024-06-01T00:00:00Z"));
        assertBump("3.3.8", selector.select("3.0.0-beta.1", index, below4));
    }

    @Test
    void pinOutsideTheRangeIsNeverPulledBackIntoIt() {
        VersionPolicy below4 = VersionPolicy.DEFAULT.withAllowed(VersionRange.parse("<4.0.0"));
        assertCurrent(selector.select("4.1.0", tags("3.9.0", "4.2.0"), below4));
    }

    @Test
    void ignoreWinsOverEverything() {
        Selection s = selector.select("1.0.0", tags("2.0.0"), VersionPolicy.DEFAULT.ignored());
        assertEquals(Outcome.IGNORED, s.outcome());
        assertEquals("ignored by policy", s.reason());
        assertEquals(Optional.empty(), s.newest());
        assertEquals(Outcome.IGNORED,
                selector.select("{{ not a version }}", List.of(), VersionPolicy.DEFAULT.ignored()).outcome());
    }

    // --- reporting what cannot be used ---

    @Test
    void unparseablePinIsReportedNotGuessed() {
        Selection s = select("latest", tags("1.0.0"));
        assertEquals(Outcome.UNPARSEABLE_PIN, s.outcome());
        assertEquals("pin 'latest' is not a version", s.reason());
    }

    @Test
    void unparseableCandidatesAreReportedAndNeverChosen() {
        Selection s = select("1.0.0", tags("1.0.0", "9.9.9.9", "v10", "1.1.0", "2.0.0-", "latest", "2.0.0-", "1975451"));
        assertBump("1.1.0", s);
        assertEquals(List.of("9.9.9.9", "v10", "2.0.0-", "1975451"), s.unparseable());
    }

    @Test
    void noCandidates() {
        assertEquals(Outcome.NO_CANDIDATES, select("1.0.0", List.of()).outcome());
        assertEquals("no versions offered", select("1.0.0", List.of()).reason());
        Selection s = select("1.0.0", tags("latest", "v9.9.9.9"));
        assertEquals(Outcome.NO_CANDIDATES, s.outcome());
        assertEquals(List.of("v9.9.9.9"), s.unparseable());
    }

    @Test
    void onlyTheSameVersionOfferedIsCurrent() {
        assertCurrent(select("1.0.0", tags("1.0.0")));
        assertCurrent(select("1.0.0-0.dev.git.1.ha", List.of(at("1.0.0-0.dev.git.1.ha", "2024-01-01T00:00:00Z"))));
    }

    @Test
    void selectionInsistsThatOnlyABumpCarriesAVersion() {
        assertThrows(IllegalArgumentException.class,
                () -> new Selection(Outcome.CURRENT, Optional.of("1.0.0"), "x", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Selection(Outcome.BUMP, Optional.empty(), "x", List.of()));
        assertFalse(new Selection(Outcome.CURRENT, Optional.empty(), "x", List.of()).isBump());
    }
}
