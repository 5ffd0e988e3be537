package dev.bridge.analytics.store;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arithmetic every aggregate uses, against exact BigInteger sums: exact while the result fits, the crossed bound
 * otherwise, and one count per saturated addition. Values are drawn with a bias to the extremes.
 */
class SaturatingMathPropertiesTest
{
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

    @Property(tries = 1_000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void shouldAddExactlyWhileTheSumFitsAndSaturateOtherwise(
        @ForAll("extremeLongs") final long a, @ForAll("extremeLongs") final long b)
    {
        final BigInteger exact = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
        final boolean fits = exact.compareTo(MAX) <= 0 && exact.compareTo(MIN) >= 0;

        assertEquals(clamp(exact), SaturatingMath.add(a, b));
        assertEquals(!fits, SaturatingMath.overflows(a, b));
        final SaturationCounter counter = new SaturationCounter();
        assertEquals(clamp(exact), counter.add(a, b));
        assertEquals(fits ? 0 : 1, counter.count());
    }

    @Property(tries = 1_000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void shouldFoldTotalsAsExactSumsClampedAtEachStepAndCountEverySaturatedAddition(
        @ForAll @Size(max = 20) final List<@From("extremeLongs") Long> values)
    {
        final SaturationCounter counter = new SaturationCounter();
        long total = 0;
        BigInteger model = BigInteger.ZERO;
        long saturated = 0;
        for (final long value : values)
        {
            total = counter.add(total, value);
            final BigInteger exact = model.add(BigInteger.valueOf(value));
            if (exact.compareTo(MAX) > 0 || exact.compareTo(MIN) < 0)
            {
                saturated++;
            }
            model = BigInteger.valueOf(clamp(exact));
        }
        assertEquals(model.longValueExact(), total);
        assertEquals(saturated, counter.count());
    }

    @Property(tries = 1_000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void shouldSumValuesOfOneSignExactlyUntilTheBoundAndStayThere(
        @ForAll @Size(max = 20) final List<@From("extremeNonNegativeLongs") Long> values)
    {
        long total = 0;
        BigInteger exact = BigInteger.ZERO;
        for (final long value : values)
        {
            total = SaturatingMath.add(total, value);
            exact = exact.add(BigInteger.valueOf(value));
        }
        assertEquals(exact.compareTo(MAX) > 0 ? Long.MAX_VALUE : exact.longValueExact(), total);
    }

    @Property(tries = 1_000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void shouldMultiplyExactlyWhileTheProductFitsAndSaturateOtherwise(
        @ForAll("extremeLongs") final long a, @ForAll("extremeLongs") final long b)
    {
        assertEquals(clamp(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))), SaturatingMath.multiply(a, b));
    }

    @Property(tries = 1_000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void shouldRemoveAPartFromATotalExactlyUnlessTheTotalIsAtABound(
        @ForAll("extremeNonNegativeLongs") final long rest, @ForAll("extremeNonNegativeLongs") final long part)
    {
        final long total = SaturatingMath.add(rest, part);
        assertEquals(total == Long.MAX_VALUE ? Long.MAX_VALUE : rest, SaturatingMath.removeFrom(total, part));
    }

    @Property(tries = 1_000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void shouldKeepSumsOfSquaresFiniteAndNonNegative(
        @ForAll final double a, @ForAll final double b, @ForAll("extremeLongs") final long value)
    {
        for (final double sum : new double[]{ SaturatingMath.addSquares(a, b), SaturatingMath.addSquare(a, value),
            SaturatingMath.removeSquares(a, b) })
        {
            assertTrue(sum >= 0.0 && sum <= Double.MAX_VALUE, () -> a + ", " + b + ", " + value + " -> " + sum);
        }
        if (a >= 0 && b >= 0 && a + b < Double.MAX_VALUE)
        {
            assertEquals(a + b, SaturatingMath.addSquares(a, b));
        }
    }

    @net.jqwik.api.Example
    void shouldKeepTheRestOfASumOfSquaresFiniteWhenANegativePartIsRemoved()
    {
        assertEquals(Double.MAX_VALUE, SaturatingMath.removeSquares(1.3004693171559308E292, -Double.MAX_VALUE));
        assertEquals(0.0, SaturatingMath.removeSquares(Double.NaN, 1.0));
        assertEquals(0.0, SaturatingMath.removeSquares(4.0, 4.000000001));
    }

    @Property(tries = 1_000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void shouldTellWhetherADoubleFitsALong(@ForAll final double value)
    {
        final boolean fits = !Double.isNaN(value) && !Double.isInfinite(value) &&
            new java.math.BigDecimal(value).toBigInteger().compareTo(MAX) <= 0 &&
            new java.math.BigDecimal(value).toBigInteger().compareTo(MIN) >= 0;
        assertEquals(fits, SaturatingMath.fitsLong(value), () -> Double.toString(value));
    }

    @Provide
    Arbitrary<Long> extremeLongs()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs(),
            Arbitraries.longs().between(Long.MAX_VALUE - 1_000, Long.MAX_VALUE),
            Arbitraries.longs().between(Long.MIN_VALUE, Long.MIN_VALUE + 1_000),
            Arbitraries.longs().between(-1_000, 1_000),
            Arbitraries.of(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2 + 1, Long.MIN_VALUE / 2, 5_000_000_000_000_000_000L,
                -5_000_000_000_000_000_000L));
    }

    @Provide
    Arbitrary<Long> extremeNonNegativeLongs()
    {
        return extremeLongs().map(v -> v == Long.MIN_VALUE ? 0L : Math.abs(v));
    }

    private static long clamp(final BigInteger exact)
    {
        return exact.compareTo(MAX) > 0 ? Long.MAX_VALUE : exact.compareTo(MIN) < 0 ? Long.MIN_VALUE : exact.longValueExact();
    }
}
