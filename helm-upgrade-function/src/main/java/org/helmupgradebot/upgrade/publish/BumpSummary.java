package org.helmupgradebot.upgrade.publish;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.helmupgradebot.upgrade.plan.CompareLink;
import org.helmupgradebot.upgrade.version.MajorVersion;

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

    public BumpSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(oldVersion, "oldVersion");
        Objects.requireNonNull(newVersion, "newVersion");
        sourceRepo = sourceRepo == null ? Optional.empty() : sourceRepo.flatMap(CompareLink::ownerName);
        oldCreated = oldCreated == null ? Optional.empty() : oldCreated;
        newCreated = newCreated == null ? Optional.empty() : newCreated;
    }

    /** A bump without dates; major when the version core's major number grows. */
    public BumpSummary(String name, String file, String oldVersion, String newVersion, Optional<String> sourceRepo) {
        this(name, file, oldVersion, newVersion, sourceRepo, crossesMajor(oldVersion, newVersion),
                Optional.empty(), Optional.empty());
    }

    /** True when the move crosses a major version (see {@link MajorVersion#crosses}). */
    public static boolean crossesMajor(String oldVersion, String newVersion) {
        return MajorVersion.crosses(oldVersion, newVersion);
    }

    /** The two git refs to compare: the shas both versions carry, or both versions as release tags. */
    public Optional<CompareLink.Refs> compareRefs() {
        return CompareLink.refs(oldVersion, newVersion);
    }

    /** A GitHub compare link, when the source repository and two refs are known. */
    public Optional<String> compareUrl() {
        return CompareLink.url(sourceRepo, oldVersion, newVersion);
    }

}
