package org.helmupgradebot.clean.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void parsesDecimalAndBinaryUnitsAndBareBytes() {
        assertEquals(2_000_000_000_000L, Sizes.parse("2TB"));
        assertEquals(500L * 1024 * 1024 * 1024, Sizes.parse("500GiB"));
        assertEquals(123456, Sizes.parse("123456"));
        assertEquals(1_500_000, Sizes.parse("1.5MB"));
        assertEquals(1024, Sizes.parse("1kib"));
    }

    @Test
    void rejectsNonsenseWithTheValueInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse("lots"));
        assertEquals("size 'lots' is not like 2TB, 500GiB or 123456", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("5iB"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("99999999PB"));
    }

    @Test
    void printsBinaryUnits() {
        assertEquals("512 B", Sizes.human(512));
        assertEquals("1.5 KiB", Sizes.human(1536));
        assertEquals("2.0 GiB", Sizes.human(2L * 1024 * 1024 * 1024));
    }
}
