package dev.bridge.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * Draws longs and doubles for property tests with a bias to the values arithmetic gets wrong: 0, ±1, the bounds
 * and their neighbours, 2^63 / 2, 2^53, powers of two and their neighbours, small values, and uniform values over
 * the whole range. Stateless; thread-safe (the caller owns the random).
 */
public final class ExtremeValues
{
    private static final long[] SPECIAL_LONGS = {
        0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1,
        Long.MAX_VALUE / 2, Long.MAX_VALUE / 2 + 1, Long.MIN_VALUE / 2, Long.MIN_VALUE / 2 - 1,
        1L << 53, (1L << 53) + 1, -(1L << 53), -(1L << 53) - 1, 5_000_000_000_000_000_000L, -5_000_000_000_000_000_000L };

    private static final double[] SPECIAL_DOUBLES = {
        0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        0x1p63, Math.nextDown(0x1p63), Math.nextUp(0x1p63), -0x1p63, Math.nextDown(-0x1p63), Math.nextUp(-0x1p63),
        0x1p53, 0x1p53 + 2, -0x1p53, 0x1p64, 1e308, Math.sqrt(Double.MAX_VALUE), 0.5, 0.01 };

    private ExtremeValues()
    {
    }

    /** @return any long, a third of the time one of the special values. */
    public static long anyLong(final SplittableRandom random)
    {
        switch (random.nextInt(9))
        {
            case 0:
            case 1:
            case 2:
                return SPECIAL_LONGS[random.nextInt(SPECIAL_LONGS.length)];
            case 3:
                return Long.MAX_VALUE - random.nextInt(1_001);
            case 4:
                return Long.MIN_VALUE + random.nextInt(1_001);
            case 5:
                return random.nextInt(-1_000, 1_001);
            case 6:
            {
                final long power = 1L << random.nextInt(63);
                return (random.nextBoolean() ? power : -power) + random.nextInt(-1, 2);
            }
            default:
                return random.nextLong();
        }
    }

    /** @return a long {@code >= 0} drawn like {@link #anyLong} ({@link Long#MIN_VALUE} becomes {@link Long#MAX_VALUE}). */
    public static long nonNegativeLong(final SplittableRandom random)
    {
        final long value = anyLong(random);
        return value == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(value);
    }

    /** @return any double, NaN and the infinities included, a third of the time one of the special values. */
    public static double anyDouble(final SplittableRandom random)
    {
        switch (random.nextInt(6))
        {
            case 0:
            case 1:
                return SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)];
            case 2:
                return Math.scalb(random.nextBoolean() ? 1.0 : -1.0, random.nextInt(-1_074, 1_024));
            case 3:
                return random.nextDouble(-0x1p64, 0x1p64);
            case 4:
                return random.nextDouble(-1e6, 1e6);
            default:
                return Double.longBitsToDouble(random.nextLong());
        }
    }

    /**
     * @return a list of {@code minSize..maxSize} values from {@code element}, a fifth of the time of exactly
     *     {@code minSize} or {@code maxSize} values.
     */
    public static List<Long> longs(final SplittableRandom random, final int minSize, final int maxSize,
        final ToLongFunction<SplittableRandom> element)
    {
        final int pick = random.nextInt(10);
        final int size = pick == 0 ? minSize : pick == 1 ? maxSize : random.nextInt(minSize, maxSize + 1);
        final List<Long> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++)
        {
            values.add(element.applyAsLong(random));
        }
        return values;
    }
}
