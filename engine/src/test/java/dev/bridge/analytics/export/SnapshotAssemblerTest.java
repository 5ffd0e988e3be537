package dev.bridge.analytics.export;

import dev.bridge.analytics.query.Stats;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Histogram buckets and percentiles of a series, from a merged HdrHistogram or from exact samples. */
class SnapshotAssemblerTest
{
    private static final List<Double> PERCENTILES = List.of(0.0, 0.25, 0.5, 0.9, 0.99, 0.999, 1.0);
    private static final List<Double> BOUNDS = List.of(2.5, 50.0, 100.0, 2500.0, 5000.0, 1_000_000.0);

    @Test
    void shouldGiveThePercentilesHdrHistogramGivesInOnePass()
    {
        final long[] values = logNormal(10_000, 7);
        final Histogram histogram = histogramOf(values);

        final HistogramExport export = SnapshotAssembler.histogram(BOUNDS, FixedSnapshot.stats(values), histogram, null,
            PERCENTILES);

        final long min = Arrays.stream(values).min().orElseThrow();
        final long max = Arrays.stream(values).max().orElseThrow();
        for (final double p : PERCENTILES)
        {
            assertEquals(Math.max(min, Math.min(max, histogram.getValueAtPercentile(p * 100))), export.percentiles().get(p),
                "p" + p);
        }
    }

    @Test
    void shouldCountEachValueInTheFirstBucketAtOrAboveIt()
    {
        final long[] values = { 1, 2, 3, 50, 51, 2500, 2502, 5000, 999_000, 1_000_000, 2_000_000 };

        final HistogramExport export = SnapshotAssembler.histogram(BOUNDS, FixedSnapshot.stats(values),
            histogramOf(values), null, PERCENTILES);

        // 2.5: 1, 2 | 50: 3, 50 | 100: 51 | 2500: 2500 | 5000: 2502, 5000 | 1e6: 999000, 1e6 | +Inf: 2e6
        assertArrayEquals(new long[]{ 2, 4, 5, 6, 8, 10 }, cumulative(export));
        assertEquals(11, export.count());
    }

    @Test
    void shouldCountAValueWithinTheBoundsSubBucketAtTheBound()
    {
        final long[] values = { 1_000_100 }; // 3 digits: 1,000,100 is equivalent to 999,936 .. 1,000,191

        final HistogramExport export = SnapshotAssembler.histogram(BOUNDS, FixedSnapshot.stats(values),
            histogramOf(values), null, PERCENTILES);

        assertEquals(1, export.cumulativeCount(BOUNDS.size() - 1));
    }

    @Test
    void shouldCountExactlyFromSamples()
    {
        final long[] samples = { 1_000_100, 2, 3, 50 };
        Arrays.sort(samples);

        final HistogramExport export = SnapshotAssembler.histogram(BOUNDS, FixedSnapshot.stats(samples), (Histogram)null, samples,
            PERCENTILES);

        assertArrayEquals(new long[]{ 1, 3, 3, 3, 3, 3 }, cumulative(export));
        assertEquals(List.of(2L, 2L, 3L, 1_000_100L, 1_000_100L, 1_000_100L, 1_000_100L),
            List.copyOf(export.percentiles().values()));
        assertEquals(true, export.exact());
    }

    @Test
    void shouldGiveNullPercentilesAndZeroCountsWithoutValues()
    {
        final HistogramExport export = SnapshotAssembler.histogram(BOUNDS, Stats.EMPTY, new Histogram(1, 2, 3), null,
            PERCENTILES);

        assertArrayEquals(new long[BOUNDS.size()], cumulative(export));
        PERCENTILES.forEach(p -> assertEquals(null, export.percentiles().get(p)));
    }

    private static long[] cumulative(final HistogramExport export)
    {
        return IntStream.range(0, export.bucketCount()).mapToLong(export::cumulativeCount).toArray();
    }

    private static Histogram histogramOf(final long[] values)
    {
        final Histogram histogram = new Histogram(1, 60_000_000, 3);
        for (final long v : values)
        {
            histogram.recordValue(v);
        }
        return histogram;
    }

    private static long[] logNormal(final int count, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] values = new long[count];
        for (int i = 0; i < count; i++)
        {
            final double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            values[i] = Math.max(1, Math.min(60_000_000, Math.round(Math.exp(Math.log(200) + 1.5 * gaussian))));
        }
        return values;
    }
}
