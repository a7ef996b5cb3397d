package org.helmupgradebot.clean.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.helmupgradebot.clean.policy.ManifestKey;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import org.helmupgradebot.shared.testing.RegistrySeeder;
import org.helmupgradebot.shared.testing.RegistrySeeder.Layer;
import org.helmupgradebot.shared.testing.RegistrySeeder.SeededImage;
import org.helmupgradebot.shared.testing.RegistrySeeder.SeededIndex;

/**
 * A small registry seeded for the end-to-end tests, and the test's own model of what a clean of it must
 * plan: which manifests an age rule or a size cap deletes and the unique bytes that frees. The model is
 * written from the documented rules, independently of the planner, so the tests compare two derivations.
 */
final class CleanScenario {
    static final String WEB = "apps/web";
    static final String API = "apps/api";
    static final String TOOLS = "tools/base";
    static final String KEEP_TAG = "release-.*";

    /** One seeded manifest as the model sees it. */
    record Item(String name, String repository, String digest, List<String> tags, Optional<Instant> created,
            boolean index, List<String> children, boolean referrer, Map<String, Long> blobs) {
        ManifestKey key() {
            return new ManifestKey(repository, digest);
        }
    }

    final Instant now;
    final List<Item> items = new ArrayList<>();

    private CleanScenario(Instant now) {
        this.now = now;
    }

    /**
     * Seeds three repositories: images 400, 200 and 10 days old sharing a base layer (also across
     * repositories), a keep-tagged old image, an image with an unparseable {@code created}, a signature
     * of the newest web image, an index with two old children (one sharing a layer with a deletable
     * image), and an old image whose only layer a young one shares. Layers are 100–400 kB, so manifests
     * and configs are well under 1% of what a deletion frees.
     */
    static CleanScenario seed(OciRegistryClient client, Instant now) {
        return seed(new RegistrySeeder(client, 20261122L), now);
    }

    /** As {@link #seed(OciRegistryClient, Instant)}, through a given seeder. */
    static CleanScenario seed(RegistrySeeder seeder, Instant now) {
        CleanScenario s = new CleanScenario(now);
        Layer shared = seeder.layer(300_000);
        s.image("w400", seeder.image(WEB, s.daysAgo(400), List.of(shared, seeder.layer(400_000)), "1.0"));
        s.image("w200", seeder.image(WEB, s.daysAgo(200), List.of(shared, seeder.layer(250_000)), "2.0"));
        SeededImage w10 = seeder.image(WEB, s.daysAgo(10), List.of(shared, seeder.layer(200_000)), "3.0", "latest");
        s.image("w10", w10);
        s.image("wRelease", seeder.image(WEB, s.daysAgo(400), List.of(seeder.layer(350_000)), "release-0.9"));
        s.image("wBad", seeder.imageWithCreatedText(WEB, "last tuesday", List.of(seeder.layer(150_000)), "weird"));
        s.image("sig", seeder.referrer(WEB, w10, "application/vnd.dev.cosign.artifact.sig.v1+json", 2_000,
                "sha256-" + w10.digest().substring("sha256:".length()) + ".sig"));

        Layer g = seeder.layer(220_000);
        s.image("a400", seeder.image(API, s.daysAgo(400), List.of(shared, seeder.layer(300_000)), "0.1"));
        s.image("a200", seeder.image(API, s.daysAgo(200), List.of(g, seeder.layer(180_000)), "0.2"));
        SeededImage child1 = seeder.image(API, s.daysAgo(400), List.of(g, seeder.layer(100_000)));
        SeededImage child2 = seeder.image(API, s.daysAgo(400), List.of(seeder.layer(120_000)));
        s.image("child1", child1);
        s.image("child2", child2);
        SeededIndex multi = seeder.index(API, List.of(child1, child2), "multi");
        s.items.add(new Item("multi", API, multi.digest(), multi.tags(), Optional.empty(), true,
                multi.childDigests(), false, Map.of()));

        Layer k = seeder.layer(400_000);
        s.image("t400", seeder.image(TOOLS, s.daysAgo(400), List.of(k), "old"));
        s.image("t10", seeder.image(TOOLS, s.daysAgo(10), List.of(k, seeder.layer(100_000)), "new"));
        return s;
    }

    private Instant daysAgo(int days) {
        return now.minus(Duration.ofDays(days));
    }

    private void image(String name, SeededImage i) {
        items.add(new Item(name, i.repository(), i.digest(), i.tags(), i.created(), false, List.of(),
                i.subjectDigest().isPresent(), i.blobs()));
    }

    Item item(String name) {
        return items.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    Set<ManifestKey> allKeys() {
        return items.stream().map(Item::key).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    Set<ManifestKey> keys(Set<String> names) {
        return names.stream().map(n -> item(n).key()).collect(Collectors.toSet());
    }

    /** Each blob counted once. */
    long uniqueBytes(Set<ManifestKey> among) {
        Map<String, Long> blobs = new HashMap<>();
        items.stream().filter(i -> among.contains(i.key())).forEach(i -> blobs.putAll(i.blobs()));
        return blobs.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bytes of the blobs that only deleted manifests use. */
    long freedBy(Set<ManifestKey> deleted) {
        Set<ManifestKey> kept = new HashSet<>(allKeys());
        kept.removeAll(deleted);
        return uniqueBytes(allKeys()) - uniqueBytes(kept);
    }

    /**
     * The rows no rule may delete under {@code --keep keep --keep-tag KEEP_TAG}: no date of their own (indexes,
     * referrers, unparseable created), a keep tag, the newest {@code keep} dated top-level images of each
     * repository; children of an index are protected because the index (undated) is always kept here.
     */
    Set<ManifestKey> protectedRows(int keep) {
        Pattern keepTag = Pattern.compile(KEEP_TAG);
        Set<String> children = items.stream().flatMap(i -> i.children().stream()).collect(Collectors.toSet());
        Set<ManifestKey> out = new HashSet<>();
        for (Item i : items) {
            if (i.created().isEmpty() || i.referrer() || children.contains(i.digest())
                    || i.tags().stream().anyMatch(t -> keepTag.matcher(t).matches())) {
                out.add(i.key());
            }
        }
        Map<String, List<Item>> byRepo = items.stream()
                .filter(i -> i.created().isPresent() && !i.referrer() && !children.contains(i.digest()))
                .collect(Collectors.groupingBy(Item::repository));
        byRepo.values().forEach(list -> list.stream()
                .sorted((a, b) -> b.created().get().compareTo(a.created().get()))
                .limit(keep).forEach(i -> out.add(i.key())));
        return out;
    }

    /** What {@code --max-age-days maxAge --keep keep --keep-tag KEEP_TAG} deletes. */
    Set<ManifestKey> expectedAgeDeletions(int maxAge, int keep) {
        Set<ManifestKey> protect = protectedRows(keep);
        return items.stream()
                .filter(i -> !protect.contains(i.key()))
                .filter(i -> Duration.between(i.created().get(), now).compareTo(Duration.ofDays(maxAge)) > 0)
                .map(Item::key).collect(Collectors.toSet());
    }

    /**
     * What {@code --size-cap cap --keep keep --keep-tag KEEP_TAG} (no age rule) deletes: repeatedly the
     * unprotected image whose deletion frees the most, until the unique bytes left are at most the cap or
     * no deletion frees anything.
     */
    Set<ManifestKey> expectedCapDeletions(long cap, int keep) {
        return expectedCapDeletions(cap, protectedRows(keep));
    }

    /** As {@link #expectedCapDeletions(long, int)} with the protected rows given. */
    Set<ManifestKey> expectedCapDeletions(long cap, Set<ManifestKey> protect) {
        Set<ManifestKey> deleted = new HashSet<>();
        while (uniqueBytes(allKeys()) - freedBy(deleted) > cap) {
            ManifestKey best = null;
            long bestGain = 0;
            for (Item i : items) {
                if (protect.contains(i.key()) || deleted.contains(i.key())) {
                    continue;
                }
                Set<ManifestKey> more = new HashSet<>(deleted);
                more.add(i.key());
                long gain = freedBy(more) - freedBy(deleted);
                if (gain > bestGain) {
                    best = i.key();
                    bestGain = gain;
                }
            }
            if (best == null) {
                break;
            }
            deleted.add(best);
        }
        return deleted;
    }
}
