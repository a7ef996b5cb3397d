package org.helmupgradebot.upgrade.publish;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helmupgradebot.upgrade.version.Version;

/**
 * One version bump as the pull request describes it: what moved, where, whether it crosses a major
 * version, when each version was published (where the source says), and where to compare.
 *
 * @param sourceRepo the GitHub repository the chart or image is built from, {@code owner/name}
 *                   (a {@code https://github.com/owner/name} URL is accepted and shortened)
 */
public record BumpSummary(String name, String file, String oldVersion, String newVersion,
                          Optional<String> sourceRepo, boolean major, Optional<Instant> oldCreated,
                          Optional<Instant> newCreated) {

    // A Helm dev build (`...h41b9d77`) or a git-describe tag (`...g2f1914d`) ends in a short sha.
    private static final Pattern SHA_SUFFIX = Pattern.compile("[.-][hg]([0-9a-f]{7,40})$");
    private static final Pattern OWNER_NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern GITHUB_URL = Pattern.compile(
            "^https?://github\\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\\.git)?/?(?:[#?/].*)?$");

    public BumpSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(oldVersion, "oldVersion");
        Objects.requireNonNull(newVersion, "newVersion");
        sourceRepo = sourceRepo == null ? Optional.empty() : sourceRepo.flatMap(BumpSummary::ownerName);
        oldCreated = oldCreated == null ? Optional.empty() : oldCreated;
        newCreated = newCreated == null ? Optional.empty() : newCreated;
    }

    /** A bump without dates; major when the version core's major number grows. */
    public BumpSummary(String name, String file, String oldVersion, String newVersion, Optional<String> sourceRepo) {
        this(name, file, oldVersion, newVersion, sourceRepo, crossesMajor(oldVersion, newVersion),
                Optional.empty(), Optional.empty());
    }

    /** True when {@code newVersion}'s major number is greater than {@code oldVersion}'s. */
    public static boolean crossesMajor(String oldVersion, String newVersion) {
        Optional<Version> from = Version.parse(oldVersion);
        Optional<Version> to = Version.parse(newVersion);
        return from.isPresent() && to.isPresent() && to.get().major() > from.get().major();
    }

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
    public static Optional<String> gitSha(String version) {
        Matcher m = SHA_SUFFIX.matcher(version);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The two git refs to compare: the shas both versions carry, or both versions as release tags. */
    public Optional<Refs> compareRefs() {
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

    /** A GitHub compare link, when the source repository and two refs are known. */
    public Optional<String> compareUrl() {
        return sourceRepo.flatMap(repo -> compareRefs().map(r ->
                "https://github.com/" + repo + "/compare/" + r.from() + "..." + r.to()));
    }

    // A stable version (`4.1.0`, `v1.2.3`) is most likely the source repository's tag of that name.
    private static boolean isReleaseTag(String version) {
        return version.matches("v?[0-9]+\\.[0-9]+\\.[0-9]+") && Version.parse(version).map(Version::isStable).orElse(false);
    }

    /** Two refs of the source repository: commits or tags. */
    public record Refs(String from, String to) {}
}
