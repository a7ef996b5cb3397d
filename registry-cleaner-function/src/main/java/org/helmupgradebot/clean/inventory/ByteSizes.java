package org.helmupgradebot.clean.inventory;

import java.util.OptionalLong;

/**
 * Overflow-checked byte arithmetic for image sizes and totals. A registry can report any number; a size is
 * in range when it is a non-negative {@code long}, and a sum is in range when it does not overflow.
 */
public final class ByteSizes {
    private ByteSizes() {}

    /** The sum of these sizes, or empty when one is negative or the sum overflows a {@code long}. */
    public static OptionalLong sum(long... sizes) {
        long total = 0;
        for (long size : sizes) {
            if (size < 0) {
                return OptionalLong.empty();
            }
            try {
                total = Math.addExact(total, size);
            } catch (ArithmeticException overflow) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(total);
    }

    /** {@code total + size} for a sum of image sizes: a size unknown ({@link ManifestRecord#SIZE_UNKNOWN}) adds nothing. */
    public static long addKnown(long total, long size) {
        return size == ManifestRecord.SIZE_UNKNOWN ? total : add(total, size);
    }

    /**
     * {@code a + b} for run totals; an overflow stops the run with one line (nothing is deleted then),
     * since no total past 8 EiB can be real.
     *
     * @throws UnreadableAnswerException when the sum overflows or an operand is negative
     */
    public static long add(long a, long b) {
        if (a < 0 || b < 0) {
            throw new UnreadableAnswerException("a negative byte count reached a total (" + a + ", " + b
                    + "); nothing is deleted", null);
        }
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException overflow) {
            throw new UnreadableAnswerException("byte totals overflow a 64-bit count: the registry reports"
                    + " impossible sizes; nothing is deleted", overflow);
        }
    }
}
