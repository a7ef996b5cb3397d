package org.helmupgradebot.upgrade.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BuildCounterTest {

    private static Optional<BuildCounter> of(String version) {
        return BuildCounter.of(Version.parse(version).orElseThrow());
    }

    @ParameterizedTest(name = "{0} counts {2} in stream [{1}]")
    @CsvSource(delimiter = '|', value = {
        "1.0.0-0.dev.git.3437.h81a3428     | 0,dev,git    | 3437",
        "4.0.0-beta.4.git.6831.habe06f4d   | beta,4,git   | 6831",
        "0.2.0-n988.h72e1852               | n            | 988",
        "0.2.0-n1011.h0123456              | n            | 1011",
        "2.0.0-beta.1.n031.hc5adeae4       | beta,1,n     | 31",
        "0.2.0-056.8c51534                 | ''           | 56",
        "0.9.0-alpha.1.112.34b7b8e         | alpha,1,''   | 112",
        "0.11.0-195.g2f1914d               | g            | 195",
        "0.11.0-195-g2f1914d               | g            | 195",
        "2026.4.1.dev44-g97bb4e45a         | dev          | 44",
    })
    void readsTheCounterAndItsStream(String version, String stream, long count) {
        List<String> expected = List.of(stream.split(",", -1)).stream().map(s -> s.equals("''") ? "" : s).toList();
        assertEquals(Optional.of(new BuildCounter(expected, count)), of(version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.2.0-3b53fce", "0.1.0-1975451", "0.2.0-0d300b8", "4.0.0-beta.4", "3.3.8",
        "1.0.0-rc.1", "1.0.0-0.dev.git.12", "1.0.0-n12", "1.2.0rc1"})
    void releasesTaggedPrereleasesAndBareShasCarryNone(String version) {
        assertEquals(Optional.empty(), of(version));
    }

    @Test
    void countsCompareOnlyWithinOneStream() {
        assertTrue(of("1.0.0-0.dev.git.1.ha").isEmpty(), "a sha needs four hex digits");
        assertTrue(of("1.0.0-0.dev.git.1.habcd").orElseThrow().stream()
                .equals(of("1.0.0-0.dev.git.9.h1234567").orElseThrow().stream()));
        assertFalse(of("0.9.0-beta.3.n100.h1111111").orElseThrow().stream()
                .equals(of("0.9.0-n012.h2222222").orElseThrow().stream()), "counters restart with each tag");
        assertFalse(of("2.0.0-beta.1.n031.hc5adeae4").orElseThrow().stream()
                .equals(of("2.0.0-beta.1.git.5800.he1ff6dbc").orElseThrow().stream()), "each spelling counts apart");
        assertFalse(of("0.2.0-056.8c51534").orElseThrow().stream()
                .equals(of("0.2.0-n988.h72e1852").orElseThrow().stream()));
    }
}
