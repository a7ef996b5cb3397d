package org.helmupgradebot.upgrade.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helmupgradebot.shared.testing.Fixtures;
import org.helmupgradebot.upgrade.version.Selection.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The selector on the real Helm indexes, checked against a brute-force computation written independently of
 * {@link Version} and {@link VersionSelector} (its own regex for the core, plain loops, no shared comparator).
 */
class RealIndexSelectionTest {

    private static final Pattern CORE = Pattern.compile("[vV]?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(.*)");
    /** A counter right before the sha: {@code n988.h…}, {@code git.3437.h…}, {@code 112.34b7b8e}; group 2 is the tag before it, 3 the spelling. */
    private static final Pattern COUNTER = Pattern.compile(
            "[vV]?(\\d+\\.\\d+(?:\\.\\d+)?)-(?:(.*?)\\.)?(n|git\\.|)(\\d+)\\.h?[0-9a-f]{7,}");

    private static Map<String, Map<String, List<Candidate>>> indexes;
    private final VersionSelector selector = new VersionSelector();

    @BeforeAll
    static void load() {
        indexes = new LinkedHashMap<>();
        for (String name : List.of("jupyterhub-helm-chart-index.yaml", "dask-helm-chart-index.yaml",
                "ingress-nginx-index.yaml")) {
            indexes.put(name, HelmIndexFixture.load(name));
        }
    }

    private static List<Candidate> chart(String index, String chart) {
        return indexes.get(index).get(chart);
    }

    private static List<Candidate> binderhub() {
        return chart("jupyterhub-helm-chart-index.yaml", "binderhub");
    }

    private static List<Candidate> jupyterhub() {
        return chart("jupyterhub-helm-chart-index.yaml", "jupyterhub");
    }

    // --- brute force, independent of the code under test ---

    private static final Map<String, long[]> CORES = new java.util.concurrent.ConcurrentHashMap<>();

    private static long[] core(String v) {
        return CORES.computeIfAbsent(v, RealIndexSelectionTest::readCore);
    }

    private static long[] readCore(String v) {
        Matcher m = CORE.matcher(v);
        if (!m.matches()) {
            throw new AssertionError("brute force cannot read " + v);
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
            m.group(3) == null ? 0 : Long.parseLong(m.group(3))};
    }

    private static boolean stable(String v) {
        Matcher m = CORE.matcher(v);
        return m.matches() && (m.group(4).isEmpty() || m.group(4).startsWith("+"));
    }

    private static int cmpCore(String a, String b) {
        return Arrays.compare(core(a), core(b));
    }

    private static Instant created(Candidate c) {
        return c.created().orElseThrow(() -> new AssertionError(c.version() + " has no created"));
    }

    /** The expected bump under the default policy, or empty for "stay". */
    private static Optional<String> bruteForce(String pin, List<Candidate> offered, long[] below) {
        Candidate best = null;
        if (stable(pin)) {
            for (Candidate c : offered) {
                if (stable(c.version()) && cmpCore(c.version(), pin) > 0
                        && (below == null || Arrays.compare(core(c.version()), below) < 0)
                        && (best == null || cmpCore(c.version(), best.version()) > 0)) {
                    best = c;
                }
            }
            return Optional.ofNullable(best).map(Candidate::version);
        }
        // Dev stream: the top core; in it the latest-published entry (the pin's own entries count); when that
        // entry carries a build counter, the highest counter of its stream (same tag before the counter), ties
        // to the later-published. Stay when that is the pin.
        long[] top = null;
        for (Candidate c : offered) {
            if (cmpCore(c.version(), pin) >= 0 && (below == null || Arrays.compare(core(c.version()), below) < 0)
                    && (top == null || Arrays.compare(core(c.version()), top) > 0)) {
                top = core(c.version());
            }
        }
        if (top == null) {
            return Optional.empty();
        }
        Candidate latest = null;
        for (Candidate c : offered) {
            if (Arrays.equals(core(c.version()), top) && (latest == null || created(c).isAfter(created(latest)))) {
                latest = c;
            }
        }
        best = latest;
        String[] stream = counter(latest.version());
        if (stream != null) {
            for (Candidate c : offered) {
                String[] other = counter(c.version());
                if (other != null && Arrays.equals(core(c.version()), top) && other[0].equals(stream[0])) {
                    long diff = Long.parseLong(other[1]) - Long.parseLong(counter(best.version())[1]);
                    if (diff > 0 || (diff == 0 && created(c).isAfter(created(best)))) {
                        best = c;
                    }
                }
            }
        }
        return best.version().equals(pin) ? Optional.empty() : Optional.of(best.version());
    }

    /** Brute force's own reading of a build counter: {stream, digits}, or null. */
    private static String[] counter(String version) {
        return COUNTERS.computeIfAbsent(version, v -> {
            Matcher m = COUNTER.matcher(v);
            return m.matches()
                    ? new String[] {m.group(1) + "|" + Objects.toString(m.group(2), "") + "|" + m.group(3), m.group(4)}
                    : new String[0];
        }).length == 0 ? null : COUNTERS.get(version);
    }

    private static final Map<String, String[]> COUNTERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Instant latestCreated(List<Candidate> offered, String version) {
        return offered.stream().filter(c -> c.version().equals(version))
                .map(RealIndexSelectionTest::created).max(Comparator.naturalOrder()).orElseThrow();
    }

    // --- the data is what we think it is ---

    @Test
    void loaderReadsEveryEntryWithItsDate() {
        Map<String, List<Candidate>> jh = indexes.get("jupyterhub-helm-chart-index.yaml");
        assertEquals(1775, jh.values().stream().mapToInt(List::size).sum());
        assertEquals(697, jh.get("binderhub").size());
        assertEquals(1058, jh.get("jupyterhub").size());
        assertEquals(202, indexes.get("dask-helm-chart-index.yaml").values().stream().mapToInt(List::size).sum());
        assertEquals(177, chart("ingress-nginx-index.yaml", "ingress-nginx").size());
        indexes.values().forEach(idx -> idx.values().forEach(list -> list.forEach(RealIndexSelectionTest::created)));
        assertEquals(Instant.parse("2024-08-08T18:05:34.413844784Z"), created(binderhub().get(0)));
        assertEquals("1.0.0-0.dev.git.3506.hba24eb2a", binderhub().get(0).version());
    }

    @Test
    void everyRealVersionParsesAndBinderhubHasNoStableRelease() {
        indexes.forEach((name, idx) -> idx.forEach((chart, list) -> list.forEach(c ->
                assertTrue(Version.parse(c.version()).isPresent(), name + " " + chart + " " + c.version()))));
        assertTrue(binderhub().stream().noneMatch(c -> Version.parse(c.version()).orElseThrow().isStable()));
        assertTrue(binderhub().stream().anyMatch(c -> c.version().equals("0.2.0-n988.h72e1852")));
        assertTrue(binderhub().stream().anyMatch(c -> c.version().equals("0.1.0-1975451")));
        assertTrue(jupyterhub().stream().anyMatch(c -> c.version().equals("v0.6")));
    }

    @Test
    void realDatesMixOffsetsSoTextOrderWouldBeWrong() {
        List<Candidate> all = new ArrayList<>();
        indexes.values().forEach(idx -> idx.values().forEach(all::addAll));
        // Independently of the loader: the raw file has +02:00 and Z stamps.
        try {
            String raw = Files.readString(Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml"));
            assertTrue(raw.contains("+02:00\""));
            assertTrue(raw.contains("Z\""));
        } catch (IOException e) {
            fail(e);
        }
        assertTrue(all.size() > 2000);
    }

    // --- the selector agrees with the brute force on every real pin ---

    @Test
    void everyRealPinGetsTheBruteForceAnswerAndNeverADowngrade() {
        int pins = 0;
        int bumps = 0;
        for (var idx : indexes.entrySet()) {
            for (var chart : idx.getValue().entrySet()) {
                List<Candidate> offered = chart.getValue();
                for (Candidate pinEntry : offered) {
                    String pin = pinEntry.version();
                    Selection s = selector.select(pin, offered, VersionPolicy.DEFAULT);
                    String where = idx.getKey() + " " + chart.getKey() + " pin " + pin + ": " + s;
                    Optional<String> expected = bruteForce(pin, offered, null);
                    assertEquals(expected.isPresent() ? Outcome.BUMP : Outcome.CURRENT, s.outcome(), where);
                    assertEquals(List.of(), s.unparseable(), where);
                    pins++;
                    if (s.isBump()) {
                        bumps++;
                        String got = s.newest().orElseThrow();
                        assertTrue(cmpCore(got, pin) >= 0, "downgrade by core: " + where);
                        assertFalse(got.equals(pin), "proposes the pin itself: " + where);
                        if (stable(pin)) {
                            assertTrue(stable(got), "stable pin got a prerelease: " + where);
                            assertEquals(0, cmpCore(got, expected.get()), where);
                        } else {
                            assertEquals(expected.get(), got, where);
                            if (cmpCore(got, pin) == 0) {
                                String[] a = counter(got);
                                String[] b = counter(pin);
                                boolean sameStream = a != null && b != null && a[0].equals(b[0]);
                                assertTrue(sameStream ? Long.parseLong(a[1]) >= Long.parseLong(b[1])
                                                : latestCreated(offered, got).isAfter(latestCreated(offered, pin)),
                                        "same core: a higher counter of the pin's stream, else published later: "
                                                + where);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(2154, pins, "every entry of the three indexes was a pin once");
        assertTrue(bumps > 1500, "most real pins have something newer, got " + bumps);
    }

    @Test
    void everyJupyterhubPinBelow4StaysBelow4UnderARange() {
        VersionPolicy below4 = VersionPolicy.DEFAULT.withAllowed(VersionRange.parse("<4.0.0"));
        int checked = 0;
        for (Candidate pinEntry : jupyterhub()) {
            String pin = pinEntry.version();
            if (core(pin)[0] >= 4) {
                continue;
            }
            Selection s = selector.select(pin, jupyterhub(), below4);
            String where = "pin " + pin + ": " + s;
            Optional<String> expected = bruteForce(pin, jupyterhub(), new long[] {4, 0, 0});
            assertEquals(expected.isPresent(), s.isBump(), where);
            s.newest().ifPresent(got -> {
                assertTrue(core(got)[0] < 4, "range <4.0.0 broken: " + where);
                assertTrue(cmpCore(got, pin) >= 0, where);
                if (stable(pin)) {
                    assertEquals(0, cmpCore(got, expected.get()), where);
                } else {
                    assertEquals(expected.get(), got, where);
                }
            });
            checked++;
        }
        assertTrue(checked > 900, "checked " + checked);
        assertEquals(Optional.of("3.3.8"),
                selector.select("3.0.0", jupyterhub(), below4).newest(), "the newest 3.x stable");
    }

    // --- named real cases ---

    @Test
    void stableJupyterhubPinsGetTheNewestStable() {
        for (String pin : List.of("3.0.0", "3.3.7", "2.0.0", "1.2.0", "0.9.0", "v0.6")) {
            Selection s = selector.select(pin, jupyterhub(), VersionPolicy.DEFAULT);
            assertEquals(Optional.of("3.3.8"), s.newest(), pin + ": " + s);
            assertEquals("newest stable 3.3.8", s.reason());
        }
        assertEquals(Outcome.CURRENT, selector.select("3.3.8", jupyterhub(), VersionPolicy.DEFAULT).outcome());
    }

    @Test
    void jupyterhubBetaPinFollowsTheDevStreamOfItsCore() {
        Selection s = selector.select("4.0.0-beta.1", jupyterhub(), VersionPolicy.DEFAULT);
        assertEquals(Optional.of("4.0.0-beta.4.git.6831.habe06f4d"), s.newest(), s.toString());
        VersionPolicy stable = VersionPolicy.DEFAULT.withPrerelease(Prerelease.STABLE);
        Selection st = selector.select("4.0.0-beta.1", jupyterhub(), stable);
        assertEquals(Outcome.CURRENT, st.outcome(), "no 4.x stable yet, and never back to 3.3.8: " + st);
    }

    @Test
    void oldBinderhubDevPinsMoveToTheNewestDevBuild() {
        for (String pin : List.of("0.2.0-n988.h72e1852", "0.2.0-3b53fce", "0.1.0-1975451",
                "1.0.0-0.dev.git.3361.h6ba80cf", "0.2.0-056.8c51534")) {
            Selection s = selector.select(pin, binderhub(), VersionPolicy.DEFAULT);
            assertEquals(Optional.of("1.0.0-0.dev.git.3506.hba24eb2a"), s.newest(), pin + ": " + s);
        }
        assertEquals(Outcome.CURRENT,
                selector.select("1.0.0-0.dev.git.3506.hba24eb2a", binderhub(), VersionPolicy.DEFAULT).outcome());
    }

    @Test
    void withinTheOld020CoreTheCounterTextWouldMisleadButDatesDoNot() {
        // Keep only 0.2.0 builds: the answer must be the latest published one, whatever its suffix says.
        List<Candidate> core020 = binderhub().stream().filter(c -> cmpCore(c.version(), "0.2.0") == 0).toList();
        Candidate latest = core020.stream().max(Comparator.comparing(RealIndexSelectionTest::created)).orElseThrow();
        Selection s = selector.select("0.2.0-n988.h72e1852", core020, VersionPolicy.DEFAULT);
        assertEquals(Optional.of(latest.version()), s.newest());
        Candidate bySemver = core020.stream()
                .max(Comparator.comparing(c -> Version.parse(c.version()).orElseThrow())).orElseThrow();
        assertFalse(bySemver.version().equals(latest.version()),
                "strict SemVer would pick " + bySemver.version() + " instead of " + latest.version());
    }

    @Test
    void the2i2cBumpIsReproducedFromTheIndexAsItStoodThen() throws IOException {
        String before = Files.readString(Fixtures.path(
                "config-repos/2i2c-infrastructure/bump-7720a64d/before/helm-charts/binderhub/Chart.yaml"));
        String after = Files.readString(Fixtures.path(
                "config-repos/2i2c-infrastructure/bump-7720a64d/after/helm-charts/binderhub/Chart.yaml"));
        String pin = "1.0.0-0.dev.git.3361.h6ba80cf";
        String bumped = "1.0.0-0.dev.git.3373.h41b9d77";
        assertTrue(before.contains("\"" + pin + "\"") && after.contains("\"" + bumped + "\""), "fixture pair");

        Instant bumpedAt = binderhub().stream().filter(c -> c.version().equals(bumped))
                .map(RealIndexSelectionTest::created).findFirst().orElseThrow();
        List<Candidate> thenIndex = binderhub().stream().filter(c -> !created(c).isAfter(bumpedAt)).toList();
        Selection then = selector.select(pin, thenIndex, VersionPolicy.DEFAULT);
        assertEquals(Optional.of(bumped), then.newest(), then.toString());

        Selection now = selector.select(pin, binderhub(), VersionPolicy.DEFAULT);
        assertEquals(Outcome.BUMP, now.outcome());
        assertTrue(Version.parse(now.newest().orElseThrow()).orElseThrow()
                .compareTo(Version.parse(bumped).orElseThrow()) >= 0, "today's answer is at least that bump");
        // 3373 is a candidate newer than the pin: offered alone with the pin, it is chosen.
        List<Candidate> pair = binderhub().stream()
                .filter(c -> c.version().equals(pin) || c.version().equals(bumped)).toList();
        assertEquals(2, pair.size());
        assertEquals(Optional.of(bumped), selector.select(pin, pair, VersionPolicy.DEFAULT).newest());
        assertEquals(Outcome.CURRENT, selector.select(bumped, pair, VersionPolicy.DEFAULT).outcome());
    }

    @Test
    void binderhubPin3431TakesThe3439BuildThoughCiPublished3437SixMinutesLater() {
        String pin = "1.0.0-0.dev.git.3431.h8a8a59e";
        String b3437 = "1.0.0-0.dev.git.3437.h81a3428";
        String b3439 = "1.0.0-0.dev.git.3439.h5c05e7a";
        Instant cut = Instant.parse("2024-05-08T10:40:00Z");
        List<Candidate> then = binderhub().stream().filter(c -> !created(c).isAfter(cut)).toList();
        assertTrue(latestCreated(then, b3437).isAfter(latestCreated(then, b3439)), "the inversion is in the data");
        assertEquals(b3437, then.stream().max(Comparator.comparing(RealIndexSelectionTest::created))
                .orElseThrow().version(), "created alone would take 3437");

        Selection s = selector.select(pin, then, VersionPolicy.DEFAULT);
        assertEquals(Optional.of(b3439), s.newest(), s.toString());
        assertEquals(Optional.of(b3439), selector.select(b3437, then, VersionPolicy.DEFAULT).newest());
        assertEquals(Outcome.CURRENT, selector.select(b3439, then, VersionPolicy.DEFAULT).outcome());
        VersionPolicy devel = VersionPolicy.DEFAULT.withPrerelease(Prerelease.DEVEL);
        assertEquals(Optional.of(b3439), selector.select(pin, then, devel).newest());
    }

    @Test
    void replayedEntryByEntryEveryRecentPinGetsTheBruteForceAnswer() {
        int checked = 0;
        int notLatestPublished = 0;
        for (var idx : indexes.entrySet()) {
            for (var chart : idx.getValue().entrySet()) {
                List<Candidate> byTime = new ArrayList<>(chart.getValue());
                byTime.sort(Comparator.comparing(RealIndexSelectionTest::created));
                for (int k = 1; k <= byTime.size(); k++) {
                    List<Candidate> then = byTime.subList(0, k);
                    for (Candidate pinEntry : then.subList(Math.max(0, k - 2), k)) {
                        String pin = pinEntry.version();
                        if (stable(pin)) {
                            continue;
                        }
                        Selection s = selector.select(pin, then, VersionPolicy.DEFAULT);
                        assertEquals(bruteForce(pin, then, null), s.newest(),
                                idx.getKey() + " " + chart.getKey() + " after " + k + " entries, pin " + pin);
                        checked++;
                        if (s.isBump() && !s.newest().get().equals(latestOfTopCore(then, s.newest().get()))) {
                            notLatestPublished++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 2500, "checked " + checked);
        assertTrue(notLatestPublished > 0, "the replay meets builds the counter ranks above a later publication");
    }

    private static String latestOfTopCore(List<Candidate> index, String chosen) {
        return index.stream().filter(c -> cmpCore(c.version(), chosen) == 0)
                .max(Comparator.comparing(RealIndexSelectionTest::created)).orElseThrow().version();
    }

    @Test
    void ingressNginxDuplicatesAndBetasBehave() {
        List<Candidate> nginx = chart("ingress-nginx-index.yaml", "ingress-nginx");
        Selection s = selector.select("4.12.0-beta.0", nginx, VersionPolicy.DEFAULT);
        assertEquals(Outcome.BUMP, s.outcome());
        assertTrue(stable(s.newest().orElseThrow()) || cmpCore(s.newest().get(), "4.12.0") >= 0, s.toString());
        assertEquals(Optional.of("4.15.1"), selector.select("4.14.5", nginx, VersionPolicy.DEFAULT).newest());
        VersionPolicy below415 = VersionPolicy.DEFAULT.withAllowed(VersionRange.parse("<4.15.0"));
        assertEquals(Optional.of("4.14.5"), selector.select("4.12.0", nginx, below415).newest());
    }
}
