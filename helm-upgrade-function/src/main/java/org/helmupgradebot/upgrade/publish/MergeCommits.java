package org.helmupgradebot.upgrade.publish;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds merged pull requests in commit messages, as GitHub writes them: a merge commit
 * ({@code Merge pull request #12 from alice/branch}, the title on the third line) or a squash merge
 * (the title ending in {@code (#12)}, authored by the pull request's author). No API call per commit.
 */
final class MergeCommits {
    private static final Pattern MERGE = Pattern.compile("^Merge pull request #(\\d+) from ([^/\\s]+)/\\S*");
    private static final Pattern SQUASH = Pattern.compile("^(.*\\S)\\s+\\(#(\\d+)\\)$");

    /** A commit's message and its git author's name. */
    record Message(String text, String authorName) {}

    private MergeCommits() {}

    /**
     * The pull requests merged by these commits, the first {@code limit} in order, counting the rest and
     * the commits the comparison did not list ({@code totalCommits} beyond those given).
     */
    static CodePlatform.MergedPulls pulls(List<Message> commits, int totalCommits, int limit) {
        List<CodePlatform.MergedPull> found = new ArrayList<>();
        Set<Integer> numbers = new LinkedHashSet<>();
        for (Message m : commits) {
            parse(m).filter(p -> numbers.add(p.number())).ifPresent(found::add);
        }
        int unseenCommits = Math.max(0, totalCommits - commits.size());
        List<CodePlatform.MergedPull> shown = found.subList(0, Math.min(limit, found.size()));
        return new CodePlatform.MergedPulls(shown, found.size() - shown.size(), unseenCommits, totalCommits);
    }

    static java.util.Optional<CodePlatform.MergedPull> parse(Message m) {
        String text = m.text() == null ? "" : m.text().strip();
        String[] lines = text.split("\r?\n");
        Matcher merge = MERGE.matcher(lines[0]);
        if (merge.find()) {
            String title = "";
            for (int i = 1; i < lines.length && title.isEmpty(); i++) {
                title = lines[i].strip();
            }
            return java.util.Optional.of(new CodePlatform.MergedPull(Integer.parseInt(merge.group(1)),
                    title.isEmpty() ? "(no title)" : title, merge.group(2)));
        }
        Matcher squash = SQUASH.matcher(lines[0].strip());
        if (squash.matches()) {
            return java.util.Optional.of(new CodePlatform.MergedPull(Integer.parseInt(squash.group(2)),
                    squash.group(1), m.authorName() == null ? "" : m.authorName()));
        }
        return java.util.Optional.empty();
    }
}
