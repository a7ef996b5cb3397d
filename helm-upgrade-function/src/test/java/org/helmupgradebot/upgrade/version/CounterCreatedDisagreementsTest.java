package org.helmupgradebot.upgrade.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Lists every pair of builds in the real jupyterhub index (same chart, same core, both with a build counter)
 * whose counter order and {@code created} order disagree, and checks which one the selector takes: within one
 * stream the higher counter, across streams (counters restart with every tag) the later published. Run it
 * alone to print the list: {@code mvn -pl helm-upgrade-function -am test -Dtest=CounterCreatedDisagreementsTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CounterCreatedDisagreementsTest {

    /** Two builds of one core; {@code higher} has the higher counter but was published first. */
    record Pair(String chart, String core, Candidate higher, long higherCount, Candidate lower, long lowerCount,
            boolean sameStream) {

        /** The build the order takes: the higher counter within a stream, else the later published. */
        Candidate expectedPick() {
            return sameStream ? higher : lower;
        }

        String line() {
            return String.format("%s %s  %s (counter %d, created %s)  vs  %s (counter %d, created %s)  -> %s, %s",
                    chart, core, higher.version(), higherCount, higher.created().orElseThrow(), lower.version(),
                    lowerCount, lower.created().orElseThrow(), expectedPick().version(),
                    sameStream ? "same stream: the higher counter" : "different streams: the later created");
        }
    }

    /** One entry with its counter read once. */
    private record Counted(Candidate entry, Version version, BuildCounter counter) {}

    /** The entries of each chart that carry a build counter. */
    private static Map<String, List<Counted>> counted(Map<String, List<Candidate>> index) {
        Map<String, List<Counted>> charts = new LinkedHashMap<>();
        index.forEach((chart, list) -> charts.put(chart, list.stream()
                .map(c -> {
                    Version v = Version.parse(c.version()).orElseThrow();
                    return BuildCounter.of(v).map(n -> new Counted(c, v, n));
                })
                .flatMap(Optional::stream)
                .toList()));
        return charts;
    }

    static List<Pair> disagreements(Map<String, List<Candidate>> index) {
        List<Pair> pairs = new ArrayList<>();
        for (var chart : counted(index).entrySet()) {
            List<Counted> list = chart.getValue();
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    Counted a = list.get(i);
                    Counted b = list.get(j);
                    if (a.version().compareCore(b.version()) != 0 || a.counter().count() == b.counter().count()) {
                        continue;
                    }
                    Counted higher = a.counter().count() > b.counter().count() ? a : b;
                    Counted lower = higher == a ? b : a;
                    if (higher.entry().created().orElseThrow().isBefore(lower.entry().created().orElseThrow())) {
                        pairs.add(new Pair(chart.getKey(), a.version().core(), higher.entry(), higher.counter().count(),
                                lower.entry(), lower.counter().count(), a.counter().stream().equals(b.counter().stream())));
                    }
                }
            }
        }
        return pairs;
    }

    @Test
    void everyDisagreeingPairInTheRealJupyterhubIndexAndWhatTheRuleTakes() {
        Map<String, List<Candidate>> index = HelmIndexFixture.load("jupyterhub-helm-chart-index.yaml");
        List<Pair> pairs = disagreements(index);
        Map<String, Integer> perChartCore = new LinkedHashMap<>();
        System.out.println("Counter order and created order disagree on " + pairs.size() + " pairs:");
        for (Pair p : pairs) {
            System.out.println(p.line());
            perChartCore.merge(p.chart() + " " + p.core() + (p.sameStream() ? " same stream" : " across streams"),
                    1, Integer::sum);
        }
        System.out.println(perChartCore);
        assertEquals(11, pairs.stream().filter(Pair::sameStream).count(), perChartCore.toString());
        assertEquals(281, pairs.stream().filter(p -> !p.sameStream()).count(), perChartCore.toString());

        VersionSelector selector = new VersionSelector();
        VersionPolicy devel = VersionPolicy.DEFAULT.withPrerelease(Prerelease.DEVEL);
        for (Pair p : pairs) {
            List<Candidate> both = List.of(p.higher(), p.lower());
            Candidate pick = p.expectedPick();
            Candidate other = pick == p.higher() ? p.lower() : p.higher();
            assertEquals(Optional.of(pick.version()), selector.select(other.version(), both, devel).newest(), p.line());
            assertEquals(Optional.empty(), selector.select(pick.version(), both, devel).newest(), p.line());
        }
    }

    @Test
    void withinOneStreamTheRegistryTagOrderFollowsTheCounterToo() {
        int pairs = 0;
        for (List<Counted> list : counted(HelmIndexFixture.load("jupyterhub-helm-chart-index.yaml")).values()) {
            for (Counted a : list) {
                for (Counted b : list) {
                    if (a.version().compareCore(b.version()) == 0 && a.counter().stream().equals(b.counter().stream())
                            && a.counter().count() != b.counter().count()) {
                        assertEquals(Long.signum(a.counter().count() - b.counter().count()),
                                Integer.signum(TagOrder.INSTANCE.compare(a.version(), b.version())),
                                a.version() + " vs " + b.version());
                        pairs++;
                    }
                }
            }
        }
        assertTrue(pairs > 100_000, "pairs " + pairs);
    }
}
