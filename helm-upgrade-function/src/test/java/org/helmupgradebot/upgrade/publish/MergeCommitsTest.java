package org.helmupgradebot.upgrade.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Merged pull requests read from commit messages as GitHub writes them, bounded, counting the rest. */
class MergeCommitsTest {

    private static MergeCommits.Message m(String text, String author) {
        return new MergeCommits.Message(text, author);
    }

    @Test
    void mergeAndSquashCommitsAreFoundOtherCommitsAreNot() {
        CodePlatform.MergedPulls found = MergeCommits.pulls(List.of(
                m("Merge pull request #1779 from consideRatio/pr/fix\n\nFix the thing\n\nmore text", "Erik"),
                m("Merge pull request #1780 from someone/branch", "Merger"),
                m("[pre-commit.ci] auto fixes", "bot"),
                m("Bump the chart (#1781)\n\nsquashed body", "Alice A"),
                m("Merge branch 'main' into feature", "Bob"),
                m("Refer to issue #12 in the text", "Carol"),
                m("Bump the chart again (#1781)", "Alice A")), 7, 20);
        assertEquals(List.of(
                new CodePlatform.MergedPull(1779, "Fix the thing", "consideRatio"),
                new CodePlatform.MergedPull(1780, "(no title)", "someone"),
                new CodePlatform.MergedPull(1781, "Bump the chart", "Alice A")), found.pulls(), "each number once");
        assertEquals(0, found.morePulls());
        assertEquals(0, found.unlistedCommits());
    }

    @Test
    void theListIsBoundedAndCountsWhatItLeavesOut() {
        List<MergeCommits.Message> commits = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            commits.add(m("Change " + i + " (#" + i + ")", "A"));
        }
        CodePlatform.MergedPulls found = MergeCommits.pulls(commits, 300, 20);
        assertEquals(20, found.pulls().size());
        assertEquals(10, found.morePulls());
        assertEquals(270, found.unlistedCommits(), "the comparison listed 30 of 300 commits");
        assertEquals(300, found.totalCommits());
    }
}
