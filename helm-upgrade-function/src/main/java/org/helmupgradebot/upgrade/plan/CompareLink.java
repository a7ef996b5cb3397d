package org.helmupgradebot.upgrade.plan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helmupgradebot.upgrade.version.Version;

/**
 * Where to see what changed between two versions of a chart or image: a GitHub compare link between
 * the git shas the versions carry ({@code …h41b9d77}, {@code …g2f1914d}, as mybinder.org's bots link
 * them), or between the versions themselves when both are release tags.
 */
public final class CompareLink {
    // A Helm dev build (`...h41b9d77`) or a git-describe tag (`...g2f1914d`) ends in a short sha.
    private static final Pattern SHA_SUFFIX = Pattern.compile("[.-][hg]([0-9a-f]{7,40})$");
    private static final Pattern OWNER_NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern GITHUB_URL = Pattern.compile(
            "^https?://github\\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\\.git)?/?(?:[#?/].*)?$");
    private static final Pattern RELEASE = Pattern.compile("v?[0-9]+\\.[0-9]+\\.[0-9]+");

    /** Two refs of the source repository: commits or tags. */
    public record Refs(String from, String to) {}

    private CompareLink() {}

    /** {@code owner/name} from that form or from a GitHub URL; empty for anything else. */
    public static Optional<String> ownerName(String repoOrUrl) {
        String s = repoOrUrl == null ? "" : repoOrUrl.trim();
        if (OWNER_NAME.matcher(s).matches()) {
            return Optional.of(s);
        }
        Matcher m = GITHUB_URL.matcher(s);
        return m.matches() ? Optional.of(m.group(1) + "/" + m.group(2)) : Optional.empty();
    }

    /** The git sha a version carries in its suffix, if any. */
    private static Optional<String> gitSha(String version) {
        Matcher m = SHA_SUFFIX.matcher(version);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The shas both versions carry, or both versions when they are release tags. */
    public static Optional<Refs> refs(String oldVersion, String newVersion) {
        Optional<String> oldSha = gitSha(oldVersion);
        Optional<String> newSha = gitSha(newVersion);
        if (oldSha.isPresent() && newSha.isPresent()) {
            return Optional.of(new Refs(oldSha.get(), newSha.get()));
        }
        if (isReleaseTag(oldVersion) && isReleaseTag(newVersion)) {
            return Optional.of(new Refs(oldVersion, newVersion));
        }
        return Optional.empty();
    }

    /** The compare link, when the source is a GitHub repository and both versions name a ref. */
    public static Optional<String> url(Optional<String> source, String oldVersion, String newVersion) {
        return source.flatMap(CompareLink::ownerName).flatMap(repo -> refs(oldVersion, newVersion)
                .map(r -> "https://github.com/" + repo + "/compare/" + r.from() + "..." + r.to()));
    }

    // A stable version (`4.1.0`, `v1.2.3`) is most likely the source repository's tag of that name.
    private static boolean isReleaseTag(String version) {
        return RELEASE.matcher(version).matches() && Version.parse(version).map(Version::isStable).orElse(false);
    }
}
