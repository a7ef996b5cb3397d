package org.helmupgradebot.upgrade.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PublishedOrderTest {

    private static PublishedOrder.Build b(String version, String created) {
        return new PublishedOrder.Build(Version.parse(version).orElseThrow(), Instant.parse(created));
    }

    @Test
    void sortsByCoreThenCounterWithinAStreamThenCreated() {
        List<PublishedOrder.Build> expected = List.of(
                b("0.9.0-3b53fce", "2019-01-01T00:00:00Z"),
                b("0.9.0-beta.3.n099.h1111111", "2019-02-01T00:00:00Z"),
                b("0.9.0-beta.3.n100.h2222222", "2019-01-15T00:00:00Z"), // published first, but contains n099
                b("0.9.0", "2019-03-01T00:00:00Z"),
                b("0.9.0-n001.h3333333", "2019-03-02T00:00:00Z"),
                b("0.9.0-n012.h4444444", "2019-03-03T00:00:00Z"),
                b("0.9.0-n012.h5555555", "2019-03-04T00:00:00Z"), // equal counters: the later created
                b("0.9.1-0.dev.git.1.h6666666", "2018-01-01T00:00:00Z")); // a higher core whatever its date
        List<PublishedOrder.Build> shuffled = new ArrayList<>(expected);
        for (int seed = 0; seed < 10; seed++) {
            Collections.shuffle(shuffled, new Random(seed));
            List<PublishedOrder.Build> sorted = new ArrayList<>(shuffled);
            sorted.sort(PublishedOrder.of(shuffled));
            assertEquals(expected, sorted);
        }
    }

    @Test
    void isATotalOrderOnAMixedBag() {
        List<PublishedOrder.Build> bag = new ArrayList<>();
        String[] versions = {"1.0.0-0.dev.git.10.haaaaaaa", "1.0.0-0.dev.git.11.hbbbbbbb", "1.0.0-0.dev.git.12.hccccccc",
            "1.0.0-0.dev.git.12.hddddddd", "1.0.0-3b53fce", "1.0.0-fe678dc", "1.0.0", "v1.0.0", "1.0.0-beta.1",
            "1.0.0-beta.1.git.13.heeeeeee", "1.0.0-n5.h1234567", "1.0.0-n3.h7654321", "1.0.1-0.dev.git.1.h0000000"};
        Random random = new Random(3);
        for (String v : versions) {
            bag.add(b(v, Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(5) * 60L) + ""));
        }
        PublishedOrder o = PublishedOrder.of(bag);
        for (PublishedOrder.Build x : bag) {
            for (PublishedOrder.Build y : bag) {
                assertEquals(Integer.signum(o.compare(x, y)), -Integer.signum(o.compare(y, x)), x + " vs " + y);
                assertTrue(x == y || o.compare(x, y) != 0, "distinct builds never tie: " + x + " vs " + y);
                for (PublishedOrder.Build z : bag) {
                    if (o.compare(x, y) < 0 && o.compare(y, z) < 0) {
                        assertTrue(o.compare(x, z) < 0, "transitive: " + x + " < " + y + " < " + z);
                    }
                }
            }
        }
    }

    @Test
    void refusesABuildItWasNotMadeOf() {
        PublishedOrder o = PublishedOrder.of(List.of(b("1.0.0", "2024-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class,
                () -> o.compare(b("1.0.0", "2024-01-01T00:00:00Z"), b("1.0.0", "2024-01-01T00:00:00Z")));
    }
}
