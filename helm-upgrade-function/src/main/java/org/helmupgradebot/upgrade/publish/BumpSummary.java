package org.helmupgradebot.upgrade.publish;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One version bump as the pull request describes it: what moved, where, and where to compare; whether it
 * crosses a major version, and when the old and new versions were published (where the source says).
 */
public record BumpSummary(String name, String file, String oldVersion, String newVersion,
                          Optional<String> sourceRepo, boolean major, Optional<Instant> oldCreated,
                          Optional<Instant> newCreated) {

    // A Helm dev build (`...h41b9d77`) or a git-describe tag (`...g2f1914d`) ends in a short sha.
    private static final Pattern SHA_SUFFIX = Pattern.compile("[.-][hg]([0-9a-f]{7,40})$");
    private static final Pattern GITHUB_REPO =
            Pattern.compile("^https?://github\\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\\.git)?/?$");

    public BumpSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(oldVersion, "oldVersion");
        Objects.requireNonNull(newVersion, "newVersion");
        sourceRepo = sourceRepo == null ? Optional.empty() : sourceRepo;
        oldCreated = oldCreated == null ? Optional.empty() : oldCreated;
        newCreated = newCreated == null ? Optional.empty() : newCreated;
    }

    /** A bump within a major version, without publication dates. */
    public BumpSummary(String name, String file, String oldVersion, String newVersion, Optional<String> sourceRepo) {
        this(name, file, oldVersion, newVersion, sourceRepo, false, Optional.empty(), Optional.empty());
    }

    /** The git sha a version carries in its suffix, if any. */
    public static Optional<String> gitSha(String version) {
        Matcher m = SHA_SUFFIX.matcher(version);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** A GitHub compare link when both versions carry a sha and the source is a GitHub repository. */
    public Optional<String> compareUrl() {
        Optional<String> oldSha = gitSha(oldVersion);
        Optional<String> newSha = gitSha(newVersion);
        if (oldSha.isEmpty() || newSha.isEmpty() || sourceRepo.isEmpty()) {
            return Optional.empty();
        }
        Matcher repo = GITHUB_REPO.matcher(sourceRepo.get().trim());
        if (!repo.matches()) {
            return Optional.empty();
        }
        return Optional.of("https://github.com/" + repo.group(1) + "/" + repo.group(2)
                + "/compare/" + oldSha.get() + "..." + newSha.get());
    }
}
