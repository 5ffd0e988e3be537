package dev.bridge.analytics.query;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a range read chooses point look-ups over a scan of the store: it counts the buckets from each series' first
 * data only. 1,000 series created a second ago, read over the last hour at 1-minute buckets, are 1,000 look-ups, not
 * 60,000: before, that count made a dashboard of a young 10,000-series catalog scan the whole store for each metric
 * (1.56 ms at 1,000 series, 224 ms at 10,000: bench/RESULTS.md, "Scale").
 */
class PointLookupPlanTest
{
    private static final long STEP_SEC = 60;
    private static final long END_SEC = 1_700_000_040L;
    private static final long FIRST_SEC = END_SEC - 60 * STEP_SEC;

    @Test
    void shouldCountOnlyTheBucketsFromEachSeriesFirstData()
    {
        final long[] young = new long[1_000];
        Arrays.fill(young, END_SEC - STEP_SEC); // every series' first data is in the last bucket
        assertEquals(1_000, StatsQuery.lookups(young, END_SEC, STEP_SEC));
        assertTrue(StatsQuery.usePointLookups(StatsQuery.lookups(young, END_SEC, STEP_SEC), 30_000),
            "1,000 look-ups against 30,000 stored buckets");
    }

    @Test
    void shouldScanWhenTheLookUpsOutnumberTheStoredBuckets()
    {
        final long[] old = new long[1_000];
        Arrays.fill(old, FIRST_SEC); // data over the whole hour
        assertEquals(60_000, StatsQuery.lookups(old, END_SEC, STEP_SEC));
        assertFalse(StatsQuery.usePointLookups(60_000, 30_000));
        assertTrue(StatsQuery.usePointLookups(16_384, 0), "always look up up to 16,384");
        assertFalse(StatsQuery.usePointLookups(16_385, 16_384));
    }

    @Test
    void shouldSkipSeriesWithoutDataAndNeverWrap()
    {
        assertEquals(61, StatsQuery.lookups(new long[] { Long.MAX_VALUE, FIRST_SEC, END_SEC - 1 }, END_SEC, STEP_SEC),
            "60 buckets, then the last one, and none for a series without data");
        assertEquals(Long.MAX_VALUE, StatsQuery.lookups(new long[] { Long.MIN_VALUE / 2, Long.MIN_VALUE / 2 },
            Long.MAX_VALUE / 2, 1), "saturates");
    }
}
