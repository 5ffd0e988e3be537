package dev.bridge.analytics.store;

import dev.bridge.analytics.ExtremeValues;
import dev.bridge.analytics.SeededTries;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static dev.bridge.analytics.ExtremeValues.anyLong;
import static dev.bridge.analytics.ExtremeValues.nonNegativeLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arithmetic every aggregate uses, against exact BigInteger sums: exact while the result fits, the crossed bound
 * otherwise, and one count per saturated addition. Values are drawn with a bias to the extremes ({@link ExtremeValues}),
 * 1,000 seeded tries per property ({@link SeededTries}).
 */
class SaturatingMathPropertiesTest
{
    private static final int TRIES = 1_000;
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private record Longs(long a, long b)
    {
    }

    private record Doubles(double a, double b, long value)
    {
    }

    @Test
    void shouldAddExactlyWhileTheSumFitsAndSaturateOtherwise()
    {
        SeededTries.check(0x5A7_0001L, TRIES, random -> new Longs(anyLong(random), anyLong(random)), in ->
        {
            final BigInteger exact = BigInteger.valueOf(in.a()).add(BigInteger.valueOf(in.b()));
            final boolean fits = exact.compareTo(MAX) <= 0 && exact.compareTo(MIN) >= 0;

            assertEquals(clamp(exact), SaturatingMath.add(in.a(), in.b()));
            assertEquals(!fits, SaturatingMath.overflows(in.a(), in.b()));
            final SaturationCounter counter = new SaturationCounter();
            assertEquals(clamp(exact), counter.add(in.a(), in.b()));
            assertEquals(fits ? 0 : 1, counter.count());
        });
    }

    @Test
    void shouldFoldTotalsAsExactSumsClampedAtEachStepAndCountEverySaturatedAddition()
    {
        SeededTries.check(0x5A7_0002L, TRIES, random -> ExtremeValues.longs(random, 0, 20, ExtremeValues::anyLong), values ->
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
        });
    }

    @Test
    void shouldSumValuesOfOneSignExactlyUntilTheBoundAndStayThere()
    {
        SeededTries.check(0x5A7_0003L, TRIES, random -> ExtremeValues.longs(random, 0, 20, ExtremeValues::nonNegativeLong),
            (List<Long> values) ->
            {
                long total = 0;
                BigInteger exact = BigInteger.ZERO;
                for (final long value : values)
                {
                    total = SaturatingMath.add(total, value);
                    exact = exact.add(BigInteger.valueOf(value));
                }
                assertEquals(exact.compareTo(MAX) > 0 ? Long.MAX_VALUE : exact.longValueExact(), total);
            });
    }

    @Test
    void shouldMultiplyExactlyWhileTheProductFitsAndSaturateOtherwise()
    {
        SeededTries.check(0x5A7_0004L, TRIES, random -> new Longs(anyLong(random), anyLong(random)), in ->
            assertEquals(clamp(BigInteger.valueOf(in.a()).multiply(BigInteger.valueOf(in.b()))),
                SaturatingMath.multiply(in.a(), in.b())));
    }

    @Test
    void shouldRemoveAPartFromATotalExactlyUnlessTheTotalIsAtABound()
    {
        SeededTries.check(0x5A7_0005L, TRIES, random -> new Longs(nonNegativeLong(random), nonNegativeLong(random)), in ->
        {
            final long rest = in.a();
            final long part = in.b();
            final long total = SaturatingMath.add(rest, part);
            assertEquals(total == Long.MAX_VALUE ? Long.MAX_VALUE : rest, SaturatingMath.removeFrom(total, part));
        });
    }

    @Test
    void shouldKeepSumsOfSquaresFiniteAndNonNegative()
    {
        SeededTries.check(0x5A7_0006L, TRIES,
            random -> new Doubles(ExtremeValues.anyDouble(random), ExtremeValues.anyDouble(random), anyLong(random)), in ->
            {
                final double a = in.a();
                final double b = in.b();
                for (final double sum : new double[]{ SaturatingMath.addSquares(a, b), SaturatingMath.addSquare(a, in.value()),
                    SaturatingMath.removeSquares(a, b) })
                {
                    assertTrue(sum >= 0.0 && sum <= Double.MAX_VALUE, () -> "-> " + sum);
                }
                if (a >= 0 && b >= 0 && a + b < Double.MAX_VALUE)
                {
                    assertEquals(a + b + 0.0, SaturatingMath.addSquares(a, b)); // + 0.0: -0.0 + -0.0 is 0.0 here
                }
            });
    }

    @Test
    void shouldKeepTheRestOfASumOfSquaresFiniteWhenANegativePartIsRemoved()
    {
        assertEquals(Double.MAX_VALUE, SaturatingMath.removeSquares(1.3004693171559308E292, -Double.MAX_VALUE));
        assertEquals(0.0, SaturatingMath.removeSquares(Double.NaN, 1.0));
        assertEquals(0.0, SaturatingMath.removeSquares(4.0, 4.000000001));
    }

    @Test
    void shouldTellWhetherADoubleFitsALong()
    {
        SeededTries.check(0x5A7_0007L, TRIES, ExtremeValues::anyDouble, value ->
        {
            final boolean fits = Double.isFinite(value) &&
                new BigDecimal(value).toBigInteger().compareTo(MAX) <= 0 &&
                new BigDecimal(value).toBigInteger().compareTo(MIN) >= 0;
            assertEquals(fits, SaturatingMath.fitsLong(value));
        });
    }

    private static long clamp(final BigInteger exact)
    {
        return exact.compareTo(MAX) > 0 ? Long.MAX_VALUE : exact.compareTo(MIN) < 0 ? Long.MIN_VALUE : exact.longValueExact();
    }
}
