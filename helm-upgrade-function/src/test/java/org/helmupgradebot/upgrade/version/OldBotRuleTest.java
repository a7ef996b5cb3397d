package org.helmupgradebot.upgrade.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.upgrade.version.Selection.Outcome;
import org.junit.jupiter.api.Test;

/**
 * Replays the real indexes entry by entry, in publication order, and compares the old bots' rule ("take
 * the entry with the latest created, bump when it differs") with the selector on the index as it stood.
 */
class OldBotRuleTest {

    /** One moment where the old rule would have moved a pin to a lower core. */
    private record Downgrade(String chart, String pin, String oldRuleChoice, List<Candidate> indexThen) {}

    private final VersionSelector selector = new VersionSelector();

    private static Instant created(Candidate c) {
        return c.created().orElseThrow();
    }

    private static Version v(String s) {
        return Version.parse(s).orElseThrow();
    }

    /** The old bots' rule on an index: the entry with the latest created. */
    private static String latestCreated(List<Candidate> index) {
        return index.stream().max(Comparator.comparing(OldBotRuleTest::created)).orElseThrow().version();
    }

    private static List<Downgrade> replay(String indexFile) {
        List<Downgrade> found = new ArrayList<>();
        for (Map.Entry<String, List<Candidate>> chart : HelmIndexFixture.load(indexFile).entrySet()) {
            List<Candidate> byTime = new ArrayList<>(chart.getValue());
            byTime.sort(Comparator.comparing(OldBotRuleTest::created));
            // The old bot's pin after each publication is whatever it chose then.
            String oldPin = byTime.get(0).version();
            for (int k = 1; k < byTime.size(); k++) {
                List<Candidate> then = List.copyOf(byTime.subList(0, k + 1));
                String choice = latestCreated(then);
                if (v(choice).compareCore(v(oldPin)) < 0) {
                    found.add(new Downgrade(chart.getKey(), oldPin, choice, then));
                }
                oldPin = choice;
            }
        }
        return found;
    }

    @Test
    void latestCreatedDowngradesInTheRealDataAndTheSelectorNever() {
        Map<String, Integer> perChart = new LinkedHashMap<>();
        List<Downgrade> all = new ArrayList<>();
        for (String file : List.of("jupyterhub-helm-chart-index.yaml", "dask-helm-chart-index.yaml",
                "ingress-nginx-index.yaml")) {
            for (Downgrade d : replay(file)) {
                all.add(d);
                perChart.merge(d.chart(), 1, Integer::sum);
            }
        }
        assertTrue(perChart.getOrDefault("ingress-nginx", 0) > 0, perChart.toString());
        assertTrue(perChart.getOrDefault("jupyterhub", 0) > 0, perChart.toString());
        assertTrue(perChart.getOrDefault("dask", 0) > 0, perChart.toString());
        assertTrue(all.size() >= 40, "old-rule downgrades found: " + perChart);

        for (Downgrade d : all) {
            for (VersionPolicy policy : List.of(VersionPolicy.DEFAULT,
                    VersionPolicy.DEFAULT.withPrerelease(Prerelease.DEVEL),
                    VersionPolicy.DEFAULT.withPrerelease(Prerelease.STABLE))) {
                Selection s = selector.select(d.pin(), d.indexThen(), policy);
                String where = d.chart() + " pin " + d.pin() + " (old rule: " + d.oldRuleChoice() + ") "
                        + policy.prerelease() + ": " + s;
                assertTrue(s.outcome() == Outcome.BUMP || s.outcome() == Outcome.CURRENT, where);
                s.newest().ifPresent(got -> assertTrue(v(got).compareCore(v(d.pin())) >= 0, "downgrade: " + where));
            }
        }
    }

    @Test
    void ingressNginxBackportPublishedAfterTheNewerRelease() {
        Downgrade d = replay("ingress-nginx-index.yaml").stream()
                .filter(x -> x.pin().equals("4.8.2") && x.oldRuleChoice().equals("4.7.3"))
                .findFirst().orElseThrow(() -> new AssertionError("expected 4.7.3 published after 4.8.2"));
        assertEquals("4.7.3", latestCreated(d.indexThen()), "the old rule picks the backport");
        Selection s = selector.select("4.8.2", d.indexThen(), VersionPolicy.DEFAULT);
        assertEquals(Outcome.CURRENT, s.outcome(), s.toString());
        assertEquals("pin 4.8.2 is the newest stable", s.reason());
    }

    @Test
    void theOldRuleOnTodaysIngressIndexWouldLeave4150ForA4145BuildPublishedLaterThatDay() {
        List<Candidate> nginx = HelmIndexFixture.load("ingress-nginx-index.yaml").get("ingress-nginx");
        Instant backport = nginx.stream().filter(c -> c.version().equals("4.14.5")).map(OldBotRuleTest::created)
                .findFirst().orElseThrow();
        List<Candidate> then = nginx.stream().filter(c -> !created(c).isAfter(backport)).toList();
        assertEquals("4.14.5", latestCreated(then));
        assertEquals(Optional.empty(), selector.select("4.15.0", then, VersionPolicy.DEFAULT).newest());
        assertEquals(Optional.of("4.15.1"), selector.select("4.15.0", nginx, VersionPolicy.DEFAULT).newest());
    }
}
