package org.helmupgradebot.upgrade.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    private static Version v(String s) {
        return Version.parse(s).orElseThrow(() -> new AssertionError("did not parse: " + s));
    }

    @ParameterizedTest(name = "{0} -> core {1}, prerelease [{2}], build [{3}]")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "1.2.3                              | 1.2.3       | ''                               | ''",
        "v1.2.3                             | 1.2.3       | ''                               | ''",
        "V1.2.3                             | 1.2.3       | ''                               | ''",
        "v0.6                               | 0.6.0       | ''                               | ''",
        "2024.01.1                          | 2024.1.1    | ''                               | ''",
        "007.010.000                        | 7.10.0      | ''                               | ''",
        "0.2.0-056.8c51534                  | 0.2.0       | 056,8c51534                      | ''",
        "0.2.0-n988.h72e1852                | 0.2.0       | n988,h72e1852                    | ''",
        "0.1.0-1975451                      | 0.1.0       | 1975451                          | ''",
        "v0.6.0-fb64667                     | 0.6.0       | fb64667                          | ''",
        "1.0.0-0.dev.git.3361.h6ba80cf      | 1.0.0       | 0,dev,git,3361,h6ba80cf          | ''",
        "4.0.0-beta.4.git.6831.habe06f4d    | 4.0.0       | beta,4,git,6831,habe06f4d        | ''",
        "0.11.0-195-g2f1914d                | 0.11.0      | 195-g2f1914d                     | ''",
        "2026.4.1.dev44-g97bb4e45a          | 2026.4.1    | dev44-g97bb4e45a                 | ''",
        "1.2.0rc1                           | 1.2.0       | rc1                              | ''",
        "1.0.0+build.7                      | 1.0.0       | ''                               | build.7",
        "1.0.0-alpha.1+exp.sha.5114f85      | 1.0.0       | alpha,1                          | exp.sha.5114f85",
        "1.2-beta                           | 1.2.0       | beta                             | ''",
    })
    void parsesCoreSuffixAndBuild(String text, String core, String pre, String build) {
        Version parsed = v(text);
        assertEquals(core, parsed.core());
        assertEquals(pre.isEmpty() ? List.of() : List.of(pre.split(",")), parsed.prerelease());
        assertEquals(build, parsed.build());
        assertEquals(text, parsed.original(), "original text is kept exactly");
        assertEquals(pre.isEmpty(), parsed.isStable());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "latest", "main", "sha-2f1914d", "stable", "3", "1975451", "v", "1.", "1.2.", "1.2.3.4", "1.2.3-",
        "1.2.3-a..b", "1.2.3+", "1.2.3 ", " 1.2.3", "1.2.3_4", "x1.2.3", "1.2.3-béta", "1.2.3.post1",
        "99999999999999999999.0.0", "{{ .Chart.Version }}", "1.2.3-beta$",
    })
    void rejectsWhatIsNotAVersion(String text) {
        assertTrue(Version.parse(text).isEmpty(), () -> "should not parse: " + text);
    }

    @Test
    void buildMetadataDoesNotMakeAPrerelease() {
        assertTrue(v("1.0.0+20130313144700").isStable());
        assertFalse(v("1.0.0-rc.1+build.1").isStable());
    }

    @Test
    void coreComparisonIgnoresSuffixAndSpelling() {
        assertEquals(0, v("v1.2").compareCore(v("1.2.0-beta.1")));
        assertEquals(0, v("1.02.3").compareCore(v("1.2.3+x")));
        assertTrue(v("1.10.0").compareCore(v("1.9.9")) > 0, "numeric, not text");
        assertTrue(v("0.2.0-n988.h72e1852").compareCore(v("0.10.0")) < 0);
        assertTrue(v("2.0.0").compareCore(v("10.0.0")) < 0);
    }

    @Test
    void semverSpecPrecedenceChain() {
        // The example chain of the SemVer 2.0.0 specification, clause 11.
        List<String> chain = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0");
        List<Version> shuffled = new ArrayList<>(chain.stream().map(VersionTest::v).toList());
        Collections.shuffle(shuffled, new Random(42));
        Collections.sort(shuffled);
        assertEquals(chain, shuffled.stream().map(Version::original).toList());
        for (int i = 0; i + 1 < chain.size(); i++) {
            assertTrue(v(chain.get(i)).compareTo(v(chain.get(i + 1))) < 0, chain.get(i) + " < " + chain.get(i + 1));
            assertTrue(v(chain.get(i + 1)).compareTo(v(chain.get(i))) > 0, "antisymmetric at " + i);
        }
    }

    @Test
    void numericIdentifiersCompareNumericallyEvenWithLeadingZeros() {
        assertTrue(v("0.2.0-056.8c51534").compareTo(v("0.2.0-57.0")) < 0);
        assertTrue(v("0.2.0-100.a").compareTo(v("0.2.0-99.a")) > 0);
        assertEquals(0, v("0.2.0-056.x").compareTo(v("0.2.0-56.x")));
        assertTrue(v("1.0.0-0.dev.git.3373.h41b9d77").compareTo(v("1.0.0-0.dev.git.3361.h6ba80cf")) > 0);
        assertTrue(v("1.0.0-0.dev.git.10000.h1").compareTo(v("1.0.0-0.dev.git.9999.h1")) > 0);
    }

    @Test
    void numericIdentifiersRankBelowAlphanumericOnes() {
        assertTrue(v("1.0.0-999").compareTo(v("1.0.0-a")) < 0);
        assertTrue(v("1.0.0-1975451").compareTo(v("1.0.0-3b53fce")) < 0);
    }

    @Test
    void strictSemverGetsTheOldChartpressCountersWrong() {
        // Documented so nobody relies on SemVer for these: text compare puts n988 above n1011.
        assertTrue(v("0.2.0-n988.h72e1852").compareTo(v("0.2.0-n1011.h0000000")) > 0);
    }

    @Test
    void buildMetadataIsIgnoredForPrecedenceButNotForSameness() {
        assertEquals(0, v("1.0.0+a").compareTo(v("1.0.0+b")));
        assertFalse(v("1.0.0+a").sameAs(v("1.0.0+b")));
        assertTrue(v("v1.0").sameAs(v("1.0.0")));
        assertFalse(v("v1.0").equals(v("1.0.0")), "equals sees the original text");
        assertEquals(v("1.0.0"), v("1.0.0"));
        assertEquals(v("1.0.0").hashCode(), v("1.0.0").hashCode());
    }

    @Test
    void hugeNumbersBeyondALongAreNotVersionsButLongOnesAre() {
        assertEquals(123456789012345678L, v("123456789012345678.0.0").major());
        assertTrue(Version.parse("1234567890123456789.0.0").isEmpty());
        assertEquals(1, v("000000000000000000000001.0.0").major(), "leading zeros do not count");
    }

    @Test
    void prereleaseIsBelowItsReleaseAndAboveThePreviousOne() {
        assertTrue(v("4.0.0-beta.4").compareTo(v("4.0.0")) < 0);
        assertTrue(v("4.0.0-beta.4").compareTo(v("3.3.8")) > 0);
        assertTrue(v("2026.4.1.dev44-g97bb4e45a").compareTo(v("2026.4.1")) < 0);
    }
}
