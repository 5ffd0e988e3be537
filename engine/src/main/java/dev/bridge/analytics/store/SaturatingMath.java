package dev.bridge.analytics.store;

/**
 * The arithmetic of aggregates: counts, sums and sums of squares that are exact while they fit and otherwise stop at
 * the bound they crossed ({@link Long#MAX_VALUE}, or {@link Long#MIN_VALUE} for a sum of negative values), never
 * wrapping. Each addition is exact when its result fits and the crossed bound otherwise, so a total of values of one
 * sign (counts, counter sums, latencies) is exact while the true total fits and stays at the bound after it; a total of
 * mixed signs (gauge sums) that reached a bound moves off it again with a value of the other sign.
 * <p>
 * The per-event methods ({@link #add}, {@link #overflows}) are one add and one sign test, branch-free until a bound
 * is crossed: no allocation, nothing thrown. Callers that must count saturations test {@link #overflows} (or compare
 * with {@link #add}'s operands) and count on their own, so the common path pays nothing more.
 * Stateless, thread-safe.
 */
public final class SaturatingMath
{
    /** 2^63 as a double: the first double above every long (a double {@code d} fits a long iff {@code -2^63 <= d < 2^63}). */
    private static final double TWO_TO_63 = 0x1p63;

    private SaturatingMath()
    {
    }

    /** @return {@code a + b}, or the bound it crossed ({@link Long#MAX_VALUE} or {@link Long#MIN_VALUE}). */
    public static long add(final long a, final long b)
    {
        final long r = a + b;
        // overflow iff a and b have the same sign and r the other one; the bound has a's sign
        return ((a ^ r) & (b ^ r)) < 0 ? (a >> 63) ^ Long.MAX_VALUE : r;
    }

    /** @return true when {@code a + b} does not fit a long (so {@link #add} saturates). */
    public static boolean overflows(final long a, final long b)
    {
        final long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0;
    }

    /**
     * @return {@code total - part} where {@code total} is a saturating sum that included {@code part}: exact when
     *         {@code total} is not at a bound; a total at a bound stays there (what it held besides {@code part} is
     *         unknown, and may itself be past the bound).
     */
    public static long removeFrom(final long total, final long part)
    {
        if (total == Long.MAX_VALUE || total == Long.MIN_VALUE)
        {
            return total;
        }
        return total - part; // exact: total = rest + part without saturation, so rest fits
    }

    /** @return {@code a * b}, or the bound it crossed. */
    public static long multiply(final long a, final long b)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0))
        {
            return low;
        }
        return (a ^ b) < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /**
     * @return {@code sum + value * value}, a sum of squares (a double): never negative, NaN or infinite; a sum that
     *         would pass {@link Double#MAX_VALUE} stays at it.
     */
    public static double addSquare(final double sumSquares, final long value)
    {
        final double square = (double)value * value;
        return addSquares(sumSquares, square);
    }

    /**
     * @return the sum of two sums of squares kept within [0, {@link Double#MAX_VALUE}]: a sum past the largest double
     *         stays at it, a negative one (rounding) is 0, NaN is 0.
     */
    public static double addSquares(final double a, final double b)
    {
        final double sum = a + b;
        return sum < Double.MAX_VALUE ? Math.max(0.0, sum) : sum == sum ? Double.MAX_VALUE : 0.0;
    }

    /**
     * @return {@code total - part} for sums of squares, kept within [0, {@link Double#MAX_VALUE}]: never below 0
     *         (rounding), never NaN; a total at the largest double stays there.
     */
    public static double removeSquares(final double total, final double part)
    {
        if (total >= Double.MAX_VALUE)
        {
            return Double.MAX_VALUE;
        }
        final double rest = total - part;
        return rest > 0.0 ? Math.min(rest, Double.MAX_VALUE) : 0.0;
    }

    /** @return true when {@code value} is a finite double whose integer part fits a long. */
    public static boolean fitsLong(final double value)
    {
        return value >= -TWO_TO_63 && value < TWO_TO_63;
    }
}
