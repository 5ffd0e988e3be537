package dev.bridge.analytics.promql;

import org.junit.jupiter.api.Test;

import java.util.function.LongPredicate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which bucket widths fit a query: one range wide when every evaluation time (and offset) is a multiple of the width,
 * else half the shortest range (the preferred rule); never more than the step or the lookback.
 */
class BucketWidthsTest
{
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long LOOKBACK = 5 * MINUTE;
    private static final long T = 1_700_000_040_000L; // a whole minute

    /** @return the widths that fit the range query's own times ({@link BucketWidths.Fit#theseTimes}). */
    private static LongPredicate range(final String query, final long startMs, final long stepMs)
    {
        return BucketWidths.forRange(PromqlParser.parse(query), startMs, stepMs, LOOKBACK).theseTimes();
    }

    @Test
    void shouldFitAWidthEqualToTheRangeWhenStartAndStepAreMultiplesOfIt()
    {
        final LongPredicate fits = range("histogram_quantile(0.99, rate(x_bucket[1m]))", T, MINUTE);

        assertTrue(fits.test(MINUTE));
        assertTrue(fits.test(SECOND));
        assertFalse(fits.test(2 * MINUTE));
        assertFalse(fits.test(HOUR));
    }

    @Test
    void shouldPreferHalfTheRangeWhereverTheTimesFall()
    {
        final LongPredicate anyTimes =
            BucketWidths.forRange(PromqlParser.parse("rate(x[1m])"), T, MINUTE, LOOKBACK).anyTimes();

        assertFalse(anyTimes.test(MINUTE));
        assertTrue(anyTimes.test(30 * SECOND));
        assertTrue(anyTimes.test(SECOND));
    }

    @Test
    void shouldAskForHalfTheRangeWhenTheStartIsNotAMultiple()
    {
        final LongPredicate fits = range("rate(x[1m])", T + SECOND, MINUTE);

        assertFalse(fits.test(MINUTE));
        assertTrue(fits.test(30 * SECOND));
    }

    @Test
    void shouldAskForHalfTheRangeWhenTheStepIsNotAMultiple()
    {
        final LongPredicate fits = range("rate(x[2m])", T, 90 * SECOND);

        assertFalse(fits.test(2 * MINUTE), "wider than the step too");
        assertFalse(fits.test(90 * SECOND), "the step is a multiple of 90 s but the start is not");
        assertTrue(fits.test(MINUTE), "half the range");
    }

    @Test
    void shouldAskForHalfTheRangeWhenAnOffsetIsNotAMultiple()
    {
        assertFalse(range("rate(x[1m] offset 30s)", T, MINUTE).test(MINUTE));
        assertTrue(range("rate(x[1m] offset 2m)", T, MINUTE).test(MINUTE));
        assertFalse(range("rate(x[1m]) + rate(y[1m] offset 1s)", T, MINUTE).test(MINUTE));
    }

    @Test
    void shouldTakeTheShortestRangeOfTheExpression()
    {
        final LongPredicate fits = range("sum(rate(x[5m])) / sum(rate(y[1m]))", T, 5 * MINUTE);

        assertTrue(fits.test(MINUTE));
        assertFalse(fits.test(5 * MINUTE));
    }

    @Test
    void shouldNeverExceedTheStepOrTheLookback()
    {
        assertFalse(range("x", T, MINUTE).test(2 * MINUTE), "the step");
        assertTrue(range("x", T, HOUR).test(LOOKBACK));
        assertFalse(range("x", T, HOUR).test(HOUR), "the lookback");
        assertFalse(range("rate(x[2h])", 0, 2 * HOUR).test(HOUR), "the lookback");
        assertFalse(range("x", T, MINUTE).test(0));
    }

    @Test
    void shouldAlignAnInstantQueryOnItsTime()
    {
        final Expr expr = PromqlParser.parse("increase(x[1m])");

        assertTrue(BucketWidths.forInstant(expr, T, LOOKBACK).theseTimes().test(MINUTE));
        assertFalse(BucketWidths.forInstant(expr, T, LOOKBACK).anyTimes().test(MINUTE));
        assertFalse(BucketWidths.forInstant(expr, T + 500, LOOKBACK).theseTimes().test(MINUTE));
        assertTrue(BucketWidths.forInstant(expr, T + 500, LOOKBACK).theseTimes().test(30 * SECOND));
    }
}
