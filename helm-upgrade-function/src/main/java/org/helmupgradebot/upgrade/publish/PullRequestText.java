package org.helmupgradebot.upgrade.publish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /** `<name>: <old>...<new>` for one bump, `Bump <n> Helm dependencies in <target>` for several. */
    public static String title(ChangeSet change) {
        if (change.bumps().size() == 1) {
            BumpSummary b = change.bumps().get(0);
            return b.name() + ": " + b.oldVersion() + "..." + b.newVersion();
        }
        return "Bump " + change.bumps().size() + " Helm dependencies in " + change.targetName();
    }

    /** The Markdown body: a table of bumps, compare links where possible, and the hidden markers. */
    public static String body(ChangeSet change) {
        StringBuilder b = new StringBuilder();
        b.append(MARKER).append('\n');
        b.append("This pull request updates pinned Helm chart and image versions in `")
                .append(change.targetName()).append("`.\n\n");
        b.append("| name | file | old | new | changes |\n");
        b.append("|---|---|---|---|---|\n");
        for (BumpSummary bump : change.bumps()) {
            b.append("| ").append(cell(bump.name()))
                    .append(" | `").append(cell(bump.file())).append('`')
                    .append(" | `").append(cell(bump.oldVersion())).append('`')
                    .append(" | `").append(cell(bump.newVersion())).append('`')
                    .append(" | ").append(bump.compareUrl().map(u -> "[compare](" + u + ")").orElse(""))
                    .append(" |\n");
        }
        b.append("\nOnly the version text was changed; the rest of each file is untouched.\n");
        b.append("This branch is managed by helm-upgrade-bot: commits pushed to it by a person stop the bot"
                + " from updating it.\n");
        b.append("<!-- helm-upgrade-bot:change=").append(fingerprint(change.files())).append(" -->\n");
        return b.toString();
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
