package org.helmupgradebot.upgrade.version;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders undated versions such as registry tags: by core, then by where the build sits around that core's
 * release, then by the build counter the tag carries.
 *
 * <ul>
 *   <li>A git-describe tag {@code 0.11.0-195.g2f1914d} (or {@code -195-g2f1914d}) is 195 commits after the
 *       0.11.0 release: it ranks above {@code 0.11.0} and above {@code 0.11.0-175.g8c4eaa7}.
 *   <li>Every other prerelease ranks below its core's release, as in SemVer ({@code 2026.4.1.dev44-g97bb4e45a}
 *       is before {@code 2026.4.1}); among them, numbers inside identifiers compare as numbers, so
 *       {@code dev44 < dev50} and {@code n988 < n1011} (SemVer's text compare gets both wrong).
 *   <li>Ties (e.g. {@code v1.0.0} and {@code 1.0.0}) fall back to the text, so the order is total.
 * </ul>
 * A tag that does not parse ({@code latest}, {@code main}, {@code sha-…}) is never a candidate. A bare
 * commit sha suffix ({@code 0.2.0-3b53fce}) carries no counter: within its core such builds have no
 * knowable order without dates.
 */
public final class TagOrder implements Comparator<Version> {

    /** The order. */
    public static final TagOrder INSTANCE = new TagOrder();

    private static final Pattern GIT_DESCRIBE = Pattern.compile("(\\d+)[.-]g[0-9a-f]{7,40}");
    private static final Pattern NUMBER_OR_TEXT = Pattern.compile("\\d+|\\D+");

    private TagOrder() {}

    /** True when the tag is a version and so may be proposed. */
    public static boolean isCandidate(String tag) {
        return Version.parse(tag).isPresent();
    }

    /** The candidate tags among {@code tags}, oldest first; the others are dropped. */
    public static List<String> sort(Collection<String> tags) {
        return tags.stream()
                .map(Version::parse)
                .flatMap(Optional::stream)
                .sorted(INSTANCE)
                .map(Version::original)
                .toList();
    }

    /** This order on tag texts; both must be candidates. */
    public static Comparator<String> onTags() {
        return Comparator.comparing(TagOrder::parseOrFail, INSTANCE);
    }

    private static Version parseOrFail(String tag) {
        return Version.parse(tag).orElseThrow(
                () -> new IllegalArgumentException("tag '" + tag + "' is not a version"));
    }

    /**
     * The number of commits after the release that a git-describe tag carries ({@code 195} for
     * {@code 0.11.0-195.g2f1914d}), or empty.
     */
    public static Optional<Long> commitsAfterRelease(Version v) {
        Matcher m = GIT_DESCRIBE.matcher(String.join(".", v.prerelease()));
        if (m.matches() && m.group(1).length() <= 18) {
            return Optional.of(Long.parseLong(m.group(1)));
        }
        return Optional.empty();
    }

    @Override
    public int compare(Version a, Version b) {
        int c = a.compareCore(b);
        if (c == 0) {
            c = compareWithinCore(a, b);
        }
        return c != 0 ? c : a.original().compareTo(b.original());
    }

    /** Compares two versions of the same core, ignoring their spelling; 0 when the tags cannot tell them apart. */
    static int compareWithinCore(Version a, Version b) {
        Optional<Long> afterA = commitsAfterRelease(a);
        Optional<Long> afterB = commitsAfterRelease(b);
        int c = Integer.compare(phase(a, afterA), phase(b, afterB));
        if (c != 0) {
            return c;
        }
        if (afterA.isPresent()) {
            return Long.compare(afterA.get(), afterB.get());
        }
        List<String> x = a.prerelease();
        List<String> y = b.prerelease();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            c = compareNatural(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    /** -1 before the release (prereleases), 0 the release, 1 after it (git-describe). */
    private static int phase(Version v, Optional<Long> commitsAfter) {
        return commitsAfter.isPresent() ? 1 : v.isStable() ? 0 : -1;
    }

    /**
     * Compares identifiers run by run: digit runs as numbers (below text, as in SemVer), text runs as ASCII,
     * a shorter run list first.
     */
    static int compareNatural(String a, String b) {
        Matcher ma = NUMBER_OR_TEXT.matcher(a);
        Matcher mb = NUMBER_OR_TEXT.matcher(b);
        while (true) {
            boolean hasA = ma.find();
            boolean hasB = mb.find();
            if (!hasA || !hasB) {
                return Boolean.compare(hasA, hasB);
            }
            int c = Version.compareIdentifiers(ma.group(), mb.group());
            if (c != 0) {
                return c;
            }
        }
    }
}
