package org.helmupgradebot.clean.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes: parses {@code 2TB}, {@code 500GiB}, {@code 123456}; prints {@code 1.5 GiB}. */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(i?)b?", Pattern.CASE_INSENSITIVE);
    private static final String UNITS = "KMGTP";

    private Sizes() {}

    /** Decimal units for KB/MB/GB/TB/PB, binary for KiB/MiB/GiB/TiB/PiB, bytes for a bare number. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches() || (m.group(2).isEmpty() && !m.group(3).isEmpty())) {
            throw new IllegalArgumentException("size '" + text + "' is not like 2TB, 500GiB or 123456");
        }
        int power = m.group(2).isEmpty() ? 0 : UNITS.indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
        long base = m.group(3).isEmpty() ? 1000 : 1024;
        java.math.BigDecimal value = new java.math.BigDecimal(m.group(1))
                .multiply(java.math.BigDecimal.valueOf(base).pow(power));
        try {
            return value.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
    }

    /** Human-readable binary size, e.g. {@code 1.5 GiB}; bytes below 1 KiB. */
    public static String human(long bytes) {
        if (Math.abs(bytes) < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (Math.abs(value) >= 1024 && unit < UNITS.length() - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %siB", value, UNITS.charAt(unit));
    }
}
