package org.helmupgradebot.upgrade.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build counter a dev build's version carries, and the stream it counts in.
 *
 * <p>Build tools count the commits since a tag and put that number right before the commit's sha. The
 * identifiers before the number name the stream the count starts from: {@code 0.dev} in
 * {@code 1.0.0-0.dev.git.3437.h81a3428}, {@code beta.3} in {@code 0.9.0-beta.3.n100.h1a2b3c4}, nothing (the
 * release itself) in {@code 0.2.0-n988.h72e1852}, {@code 0.2.0-056.8c51534} or a git-describe tag
 * {@code 0.11.0-195.g2f1914d}. Counters restart with every tag, so two counters compare only within one core
 * and one stream. The stream also names the counter's spelling, because each spelling counted from its own
 * start: in one index {@code 2.0.0-beta.1.n031.hc5adeae4} (since the tag) is older than
 * {@code 2.0.0-beta.1.git.5800.he1ff6dbc}. A bare sha ({@code 0.2.0-3b53fce}, {@code 0.1.0-1975451}) or a tagged version
 * ({@code 4.0.0-beta.4}, {@code 3.3.8}) carries no counter.
 *
 * @param stream the prerelease identifiers before the counter ({@code [0, dev]}, {@code [beta, 3]}, {@code []}),
 *     then the counter's spelling: {@code n} ({@code n988.h…}), {@code git} ({@code git.3437.h…}), {@code g}
 *     (git describe), {@code dev} (PEP 440) or {@code ""} ({@code 056.8c51534})
 * @param count the number of commits, compared as a number ({@code 988 < 1011}, {@code 045 < 056})
 */
record BuildCounter(List<String> stream, long count) {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
    private static final Pattern CHARTPRESS_N = Pattern.compile("n(\\d{1,18})");
    private static final Pattern H_SHA = Pattern.compile("h[0-9a-f]{4,40}");
    private static final Pattern G_SHA = Pattern.compile("g[0-9a-f]{4,40}");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{7,40}");
    private static final Pattern DESCRIBE_DASH = Pattern.compile("(\\d{1,18})-g[0-9a-f]{4,40}");
    private static final Pattern PEP440_DEV = Pattern.compile("dev(\\d{1,18})(?:-g[0-9a-f]{4,40})?");

    BuildCounter {
        stream = List.copyOf(stream);
    }

    /** The counter {@code v} carries, or empty for a release, a tagged prerelease or a bare sha. */
    static Optional<BuildCounter> of(Version v) {
        List<String> ids = v.prerelease();
        int n = ids.size();
        if (n == 0) {
            return Optional.empty();
        }
        String last = ids.get(n - 1);
        String before = n >= 2 ? ids.get(n - 2) : "";
        Matcher m;
        if (H_SHA.matcher(last).matches() && (m = CHARTPRESS_N.matcher(before)).matches()) {
            return counter(ids.subList(0, n - 2), "n", m.group(1)); // 0.2.0-n988.h72e1852, 2.0.0-beta.1.n031.hc5adeae4
        }
        if (H_SHA.matcher(last).matches() && n >= 3 && ids.get(n - 3).equals("git")
                && DIGITS.matcher(before).matches()) {
            return counter(ids.subList(0, n - 3), "git", before); // 1.0.0-0.dev.git.3437.h81a3428
        }
        if (SHA.matcher(last).matches() && DIGITS.matcher(before).matches()) {
            return counter(ids.subList(0, n - 2), "", before); // 0.2.0-056.8c51534, 0.9.0-alpha.1.112.34b7b8e
        }
        if (G_SHA.matcher(last).matches() && DIGITS.matcher(before).matches()) {
            return counter(ids.subList(0, n - 2), "g", before); // 0.11.0-195.g2f1914d
        }
        if ((m = DESCRIBE_DASH.matcher(last)).matches()) {
            return counter(ids.subList(0, n - 1), "g", m.group(1)); // 0.11.0-195-g2f1914d
        }
        if ((m = PEP440_DEV.matcher(last)).matches()) {
            return counter(ids.subList(0, n - 1), "dev", m.group(1)); // 2026.4.1.dev44-g97bb4e45a
        }
        return Optional.empty();
    }

    private static Optional<BuildCounter> counter(List<String> tag, String spelling, String digits) {
        List<String> stream = new ArrayList<>(tag);
        stream.add(spelling);
        return Optional.of(new BuildCounter(stream, Long.parseLong(digits)));
    }
}
