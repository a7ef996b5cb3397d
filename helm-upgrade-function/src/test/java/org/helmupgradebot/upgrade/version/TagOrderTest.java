package org.helmupgradebot.upgrade.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagOrderTest {

    private static int cmp(String a, String b) {
        return TagOrder.onTags().compare(a, b);
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "0.11.0,                    0.11.0-195.g2f1914d",
        "0.11.0,                    0.11.0-195-g2f1914d",
        "0.11.0-175.g8c4eaa7,       0.11.0-195.g2f1914d",
        "0.11.0-175-g8c4eaa7,       0.11.0-195.g2f1914d",
        "0.11.0-9.g8c4eaa7,         0.11.0-10.g8c4eaa7",
        "0.11.0-195.g2f1914d,       0.11.1",
        "0.11.0-195.g2f1914d,       0.12.0-1.gabcdef0",
        "2026.4.1.dev44-g97bb4e45a, 2026.4.1",
        "2026.4.1.dev44-g97bb4e45a, 2026.4.1.dev50-g0000000",
        "2026.4.1.dev9-gffffffff,   2026.4.1.dev10-g00000000",
        "2026.4.0,                  2026.4.1.dev1-g97bb4e45a",
        "0.2.0-n988.h72e1852,       0.2.0-n1011.h0123456",
        "1.0.0-0.dev.git.3361.h6ba80cf, 1.0.0-0.dev.git.3373.h41b9d77",
        "1.0.0-0.dev.git.999.hffffff,   1.0.0-0.dev.git.3373.h41b9d77",
        "1.0.0-0.dev.git.3506.hba24eb2a, 1.0.0",
        "4.0.0-beta.4,              4.0.0-beta.4.git.6831.habe06f4d",
        "4.0.0-beta.3.git.6700.h1,  4.0.0-beta.4",
        "4.0.0-beta.2,              4.0.0-beta.10",
        "1.2.0rc2,                  1.2.0rc10",
        "1.2.0rc10,                 1.2.0",
        "v0.6,                      0.6.1",
        "1.9.0,                     1.10.0",
    })
    void ordersTagsOldestFirst(String older, String newer) {
        assertTrue(cmp(older, newer) < 0, older + " should rank below " + newer);
        assertTrue(cmp(newer, older) > 0, "and the reverse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "main", "master", "sha-2f1914d", "sha-1975451", "edge", "stable", "3",
        "2f1914d", "1975451", "pr-1234", "nightly"})
    void wordsAndShasAreNeverCandidates(String tag) {
        assertFalse(TagOrder.isCandidate(tag));
        assertEquals(List.of("1.0.0"), TagOrder.sort(List.of(tag, "1.0.0")));
        assertThrows(IllegalArgumentException.class, () -> cmp(tag, "1.0.0"));
    }

    @Test
    void commitsAfterReleaseReadsBothGitDescribeSpellings() {
        assertEquals(Optional.of(195L), TagOrder.commitsAfterRelease(Version.parse("0.11.0-195.g2f1914d").orElseThrow()));
        assertEquals(Optional.of(195L), TagOrder.commitsAfterRelease(Version.parse("0.11.0-195-g2f1914d").orElseThrow()));
        assertEquals(Optional.empty(), TagOrder.commitsAfterRelease(Version.parse("0.11.0").orElseThrow()));
        assertEquals(Optional.empty(), TagOrder.commitsAfterRelease(Version.parse("0.11.0-195").orElseThrow()));
        assertEquals(Optional.empty(), TagOrder.commitsAfterRelease(
                Version.parse("1.0.0-0.dev.git.3361.h6ba80cf").orElseThrow()), "chartpress dev builds come before");
        assertEquals(Optional.empty(), TagOrder.commitsAfterRelease(
                Version.parse("2026.4.1.dev44-g97bb4e45a").orElseThrow()), "PEP 440 dev builds come before");
    }

    @Test
    void sortsARealisticShuffledTagList() {
        List<String> expected = List.of(
                "2024.03.0",
                "2024.03.0-12.g1111111",
                "2024.03.0-175.g8c4eaa7",
                "2024.03.0-195-g2f1914d",
                "2024.07.0.dev3-gaaaaaaa",
                "2024.07.0.dev44-g97bb4e45a",
                "2024.07.0.dev100-gbbbbbbb",
                "2024.07.0",
                "2024.07.0-1.gcccccccc",
                "v2025.1.0");
        List<String> shuffled = new ArrayList<>(expected);
        shuffled.addAll(List.of("latest", "main", "sha-97bb4e4"));
        Collections.shuffle(shuffled, new Random(7));
        assertEquals(expected, TagOrder.sort(shuffled));
    }

    @Test
    void isATotalOrderOnAMixedBag() {
        List<Version> bag = List.of("0.11.0", "v0.11.0", "0.11.0-195.g2f1914d", "0.11.0-195-g2f1914d",
                        "0.11.0-n988.h1", "0.11.0-n1011.h2", "0.11.0-056.8c51534", "0.11.0-3b53fce",
                        "0.11.0-1975451", "0.11.0.dev4-g1234567", "0.11.0-beta.1", "0.11.0+b", "0.11.0-0.dev.git.5.h1",
                        "0.12.0", "0.10.99-7.g1234567")
                .stream().map(s -> Version.parse(s).orElseThrow()).toList();
        TagOrder o = TagOrder.INSTANCE;
        for (Version a : bag) {
            assertEquals(0, o.compare(a, a));
            for (Version b : bag) {
                assertEquals(Integer.signum(o.compare(a, b)), -Integer.signum(o.compare(b, a)), a + " vs " + b);
                if (a != b) {
                    assertTrue(o.compare(a, b) != 0, "distinct tags never tie: " + a + " vs " + b);
                }
                for (Version c : bag) {
                    if (o.compare(a, b) < 0 && o.compare(b, c) < 0) {
                        assertTrue(o.compare(a, c) < 0, "transitive: " + a + " < " + b + " < " + c);
                    }
                }
            }
        }
    }
}
