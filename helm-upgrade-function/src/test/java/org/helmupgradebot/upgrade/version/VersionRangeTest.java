package org.helmupgradebot.upgrade.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionRangeTest {

    private static boolean in(String range, String version) {
        return VersionRange.parse(range).contains(Version.parse(version).orElseThrow());
    }

    @ParameterizedTest(name = "{1} in ''{0}'' is {2}")
    @CsvSource(delimiter = '|', value = {
        "<3.0.0          | 2.9.9          | true",
        "<3.0.0          | 3.0.0          | false",
        "<3.0.0          | 3.0.1          | false",
        "<3.0.0          | 3.0.0-beta.1   | false",
        "<3.0.0          | 2.9.9-beta.1   | true",
        "<3.0.0-beta.2   | 3.0.0-beta.1   | true",
        "<3.0.0-beta.2   | 3.0.0-beta.2   | false",
        "<=4.1.0         | 4.1.0          | true",
        "<=4.1.0         | 4.1.1          | false",
        "<=4.1.0         | 4.1.0-rc.1     | true",
        ">=1.2, <2       | 1.2.0          | true",
        ">=1.2, <2       | 1.9.99         | true",
        ">=1.2, <2       | 1.1.9          | false",
        ">=1.2, <2       | 2.0.0          | false",
        ">=1.2, <2       | 2.0.0-alpha    | false",
        ">=1.2 <2        | 1.5.0          | true",
        ">=1.2 <2        | 2.1.0          | false",
        ">= 1.2 ,  < 2   | 1.5.0          | true",
        ">1.0.0          | 1.0.0          | false",
        ">1.0.0          | 1.0.1          | true",
        "=1.0.0          | v1.0           | true",
        "1.0.0           | 1.0.1          | false",
        "==1.0.0         | 1.0.0+build    | true",
        "<v2             | 1.99.0         | true",
        "<3.0.0          | 10.0.0         | false",
    })
    void containsFollowsTheComparisons(String range, String version, boolean expected) {
        assertEquals(expected, in(range, version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "<", "<=", "<abc", "<3.0.0,", ",<3.0.0", "<3,,>1", ">=1.2<2", "~1.2.3",
        "^1.2", "<3.0.0 and >1", "1.2.3.4", "!=1.0.0"})
    void rejectsBadRangesWithAOneLineMessageNamingIt(String range) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VersionRange.parse(range));
        assertTrue(e.getMessage().startsWith("bad version range '" + range + "'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void messageSaysWhichPartIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VersionRange.parse(">=1.2, <abc"));
        assertEquals("bad version range '>=1.2, <abc': 'abc' is not a version", e.getMessage());
    }

    @Test
    void keepsItsTextAndComparesByMeaning() {
        assertEquals(">=1.2, <2", VersionRange.parse("  >=1.2, <2 ").toString());
        assertEquals(VersionRange.parse("<3.0.0"), VersionRange.parse("<3.0.0"));
        assertFalse(VersionRange.parse("<3.0.0").equals(VersionRange.parse("<=3.0.0")));
    }
}
