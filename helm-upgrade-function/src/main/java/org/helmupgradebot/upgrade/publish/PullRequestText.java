package org.helmupgradebot.upgrade.publish;

import org.helmupgradebot.upgrade.plan.CompareLink;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The title, body, commit message and change fingerprint of the bot's pull request. */
public final class PullRequestText {
    /** Marks a pull request body as the bot's. */
    public static final String MARKER = "<!-- helm-upgrade-bot -->";
    /** Marks the bot's one comment about commits a person pushed to its branch. */
    public static final String HUMAN_COMMITS_MARKER = "<!-- helm-upgrade-bot:human-commits -->";
    /** Commit trailer that names the change a bot commit holds. */
    public static final String COMMIT_TRAILER = "Helm-Upgrade-Bot-Change: ";

    private static final Pattern BODY_FINGERPRINT =
            Pattern.compile("<!-- helm-upgrade-bot:change=([0-9a-f]{64}) -->");
    private static final Pattern COMMIT_FINGERPRINT =
            Pattern.compile("(?m)^" + Pattern.quote(COMMIT_TRAILER) + "([0-9a-f]{64})\\s*$");

    private PullRequestText() {}

    /** GitHub refuses longer pull request titles. */
    static final int TITLE_LIMIT = 256;

    /** What the body says about the merged pull requests of one bump. */
    public record Between(Optional<CodePlatform.MergedPulls> pulls, Optional<String> failure) {
        public static Between listed(CodePlatform.MergedPulls pulls) {
            return new Between(Optional.of(pulls), Optional.empty());
        }

        public static Between failed(String why) {
            return new Between(Optional.empty(), Optional.of(why));
        }
    }

    /**
     * Every bump as {@code <name>: <old>...<new>} (mybinder.org's form), joined by commas, a major bump
     * marked; past GitHub's 256 characters, as many as fit and "and N more".
     */
    public static String title(ChangeSet change) {
        List<String> parts = change.bumps().stream().map(PullRequestText::titlePart).toList();
        String all = String.join(", ", parts);
        if (all.length() <= TITLE_LIMIT) {
            return all;
        }
        for (int shown = parts.size() - 1; shown >= 1; shown--) {
            String t = String.join(", ", parts.subList(0, shown)) + " and " + (parts.size() - shown) + " more";
            if (t.length() <= TITLE_LIMIT) {
                return t;
            }
        }
        String tail = parts.size() > 1 ? " and " + (parts.size() - 1) + " more" : "";
        return parts.get(0).substring(0, TITLE_LIMIT - tail.length() - 1) + "\u2026" + tail;
    }

    private static String titlePart(BumpSummary b) {
        return b.name() + ": " + b.oldVersion() + "..." + b.newVersion() + (b.major() ? " (major)" : "");
    }

    /** The body without the merged pull requests (as a dry run or an unchanged check sees it). */
    public static String body(ChangeSet change) {
        return body(change, Map.of());
    }

    /**
     * The Markdown body: a table of bumps with compare links (or why there is none), the merged pull
     * requests of each bump where listed, and the hidden markers.
     *
     * @param between per bump (index into {@code change.bumps()}), what the merged pull requests were
     */
    public static String body(ChangeSet change, Map<Integer, Between> between) {
        StringBuilder b = new StringBuilder();
        b.append(MARKER).append('\n');
        b.append("This pull request updates pinned Helm chart and image versions in `")
                .append(change.targetName()).append("`.\n\n");
        long majors = change.bumps().stream().filter(BumpSummary::major).count();
        if (majors > 0) {
            b.append("**").append(majors == 1 ? "One bump crosses" : majors + " bumps cross")
                    .append(" a major version** (marked below): read the release notes before merging.\n\n");
        }
        b.append("| name | file | old | new | changes |\n");
        b.append("|---|---|---|---|---|\n");
        for (BumpSummary bump : change.bumps()) {
            b.append("| ").append(cell(bump.name())).append(bump.major() ? " (major)" : "")
                    .append(" | `").append(cell(bump.file())).append('`')
                    .append(" | `").append(cell(bump.oldVersion())).append('`').append(date(bump.oldCreated()))
                    .append(" | `").append(cell(bump.newVersion())).append('`').append(date(bump.newCreated()))
                    .append(" | ").append(changes(bump))
                    .append(" |\n");
        }
        for (int i = 0; i < change.bumps().size(); i++) {
            Between what = between.get(i);
            if (what != null) {
                appendMergedPulls(b, change.bumps().get(i), what);
            }
        }
        b.append("\nOnly the version text was changed; the rest of each file is untouched.\n");
        b.append("This branch is managed by helm-upgrade-bot: commits pushed to it by a person stop the bot"
                + " from updating it.\n");
        b.append("<!-- helm-upgrade-bot:change=").append(fingerprint(change.files())).append(" -->\n");
        return b.toString();
    }

    /** The "changes" cell: a compare link, or what is missing for one. */
    static String changes(BumpSummary bump) {
        Optional<String> url = bump.compareUrl();
        if (url.isPresent()) {
            CompareLink.Refs refs = bump.compareRefs().orElseThrow();
            return "[" + cell(refs.from() + "..." + refs.to()) + "](" + url.get() + ")";
        }
        if (bump.sourceRepo().isEmpty()) {
            return "no source known (set `source: owner/name` for " + cell(bump.name()) + " in the bot config)";
        }
        return "[" + bump.sourceRepo().get() + "](https://github.com/" + bump.sourceRepo().get()
                + "): the versions name no commit or release tag to compare";
    }

    private static void appendMergedPulls(StringBuilder b, BumpSummary bump, Between what) {
        b.append("\n#### ").append(cell(bump.name())).append(": merged pull requests\n\n");
        if (what.failure().isPresent()) {
            b.append("Could not be listed (").append(cell(what.failure().get()))
                    .append("); the bump does not depend on them.\n");
            return;
        }
        CodePlatform.MergedPulls pulls = what.pulls().orElseThrow();
        String repo = bump.sourceRepo().orElse("");
        String compare = bump.compareUrl().orElse("https://github.com/" + repo);
        if (pulls.pulls().isEmpty()) {
            b.append("None found in the ").append(pulls.totalCommits()).append(" commit(s) between the two versions")
                    .append(pulls.unlistedCommits() > 0 ? " that the comparison listed" : "").append(".\n");
        }
        for (CodePlatform.MergedPull p : pulls.pulls()) {
            b.append("- [#").append(p.number()).append("](https://github.com/").append(repo).append("/pull/")
                    .append(p.number()).append(") ").append(cell(p.title()));
            if (!p.author().isEmpty()) {
                b.append(" (").append(cell(p.author())).append(')');
            }
            b.append('\n');
        }
        if (pulls.morePulls() > 0) {
            b.append("- and ").append(pulls.morePulls()).append(" more: [all changes](").append(compare).append(")\n");
        }
        if (pulls.unlistedCommits() > 0) {
            b.append("- the comparison lists only the first ").append(pulls.totalCommits() - pulls.unlistedCommits())
                    .append(" of ").append(pulls.totalCommits()).append(" commits: [all changes](").append(compare)
                    .append(")\n");
        }
    }

    private static String date(Optional<java.time.Instant> created) {
        return created.map(c -> " (" + c.toString().substring(0, 10) + ")").orElse("");
    }

    /** The commit message, ending in a trailer with the change fingerprint. */
    public static String commitMessage(ChangeSet change) {
        return title(change) + "\n\n" + COMMIT_TRAILER + fingerprint(change.files()) + "\n";
    }

    /** SHA-256 over the sorted paths and their new contents: equal exactly when the change is equal. */
    public static String fingerprint(Map<String, String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
                byte[] path = e.getKey().getBytes(StandardCharsets.UTF_8);
                byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                // Length prefixes keep "a"+"bc" and "ab"+"c" apart.
                digest.update((path.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(path);
                digest.update((content.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(content);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The fingerprint a pull request body carries, if it is the bot's. */
    public static Optional<String> fingerprintInBody(String body) {
        if (body == null || !body.contains(MARKER)) {
            return Optional.empty();
        }
        Matcher m = BODY_FINGERPRINT.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The fingerprint a bot commit message carries. */
    public static Optional<String> fingerprintInCommit(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = COMMIT_FINGERPRINT.matcher(message);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The one comment left when a person has pushed to the bot's branch. */
    public static String humanCommitsComment(String branch, String headSha) {
        return HUMAN_COMMITS_MARKER + "\n"
                + "helm-upgrade-bot found commits on `" + branch + "` that it did not make (head `"
                + headSha + "`), so it will not update this pull request. Close it, or delete the branch,"
                + " to let the bot open a fresh one.\n";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("`", "'").replace("\n", " ");
    }
}
