package dev.bridge.analytics;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.query.Aggregation;
import dev.bridge.analytics.query.PercentileResult;
import dev.bridge.analytics.query.SeriesPoint;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Percentiles, merges, stddev, rates, rollups and time series against reference computations. */
class QueryTest
{
    private static final long T0 = 1_700_000_040_000L; // a whole minute
    private static final int VALUES = 60_000;
    private static final int SECONDS = 120;

    @TempDir
    Path dir;
    private ManualClock clock;
    private AnalyticsEngine engine;
    private long[] values;

    @BeforeEach
    void start()
    {
        clock = new ManualClock(T0);
        engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock);
        values = logNormal(VALUES, 42);
        final HistogramHandle latency = engine.histogram("read_latency_us");
        for (int i = 0; i < VALUES; i++)
        {
            if (i % (VALUES / SECONDS) == 0)
            {
                engine.flush();
                clock.set(T0 + (long)i / (VALUES / SECONDS) * 1000L); // 500 values in each of 120 seconds
            }
            latency.record(values[i]);
        }
        engine.flush();
    }

    @AfterEach
    void stop()
    {
        engine.close();
    }

    private static long[] logNormal(final int n, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] v = new long[n];
        for (int i = 0; i < n; i++)
        {
            final double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            v[i] = Math.max(1, Math.min(60_000_000L, Math.round(Math.exp(Math.log(200) + 0.8 * gaussian))));
        }
        return v;
    }

    private static TimeRange between(final long fromMs, final long toMs)
    {
        return TimeRange.between(Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs));
    }

    @Test
    void shouldMatchNearestRankPercentilesOfTheSortedValuesWithinTheStatedBound()
    {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        final double[] ps = { 0.0, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0 };
        final PercentileResult result = engine.queries().percentiles("read_latency_us", Map.of(), TimeRange.ALL, ps);
        assertEquals(VALUES, result.count());
        assertEquals(PercentileResult.HISTOGRAM_MODE, result.mode());
        assertEquals(0.001, result.relativeError(), 1e-12);
        for (final double p : ps)
        {
            final long exact = sorted[Math.max(0, (int)Math.ceil(p * VALUES) - 1)];
            final long reported = result.values().get(p);
            assertTrue(Math.abs(reported - exact) <= exact * result.relativeError(),
                "p" + p + ": reported " + reported + ", exact " + exact);
        }
    }

    @Test
    void shouldMergeBucketHistogramsIntoExactlyTheHistogramOfAllValues()
    {
        final Histogram single = new Histogram(1, 60_000_000L, 3);
        Arrays.stream(values).forEach(single::recordValue);
        assertEquals(single, engine.queries().distribution("read_latency_us", Map.of(), TimeRange.ALL));
        final Histogram firstMinute = new Histogram(1, 60_000_000L, 3);
        Arrays.stream(values, 0, VALUES / 2).forEach(firstMinute::recordValue);
        assertEquals(firstMinute, engine.queries().distribution("read_latency_us", Map.of(), between(T0, T0 + 60_000)));
    }

    @Test
    void shouldComputeStddevFromSumsOfSquaresAsATwoPassComputationDoes()
    {
        final double mean = Arrays.stream(values).average().orElseThrow();
        final double variance = Arrays.stream(values).mapToDouble(v -> (v - mean) * (v - mean)).sum() / VALUES;
        final Stats stats = engine.queries().stats("read_latency_us", TimeRange.ALL);
        assertEquals(VALUES, stats.count());
        assertEquals(Arrays.stream(values).sum(), stats.sum());
        assertEquals(mean, stats.mean(), 1e-9 * mean);
        assertEquals(Math.sqrt(variance), stats.stddev(), 1e-9 * Math.sqrt(variance));
        assertEquals(Arrays.stream(values).min().orElseThrow(), stats.min());
        assertEquals(Arrays.stream(values).max().orElseThrow(), stats.max());
    }

    @Test
    void shouldKeepRollupsEqualToTheRawBucketsTheySummarise()
    {
        for (int minute = 0; minute < 2; minute++)
        {
            final long startMs = T0 + minute * 60_000L;
            final Stats rollup = engine.queries().stats("read_latency_us", between(startMs, startMs + 60_000)); // 1 min bucket
            long count = 0;
            long sum = 0;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            final Histogram raw = new Histogram(1, 60_000_000L, 3);
            for (int second = 0; second < 60; second++)
            {
                final TimeRange oneSecond = between(startMs + second * 1000L, startMs + second * 1000L + 1000);
                final Stats s = engine.queries().stats("read_latency_us", oneSecond);
                count += s.count();
                sum += s.sum();
                min = Math.min(min, s.min());
                max = Math.max(max, s.max());
                raw.add(engine.queries().distribution("read_latency_us", Map.of(), oneSecond));
            }
            assertEquals(count, rollup.count());
            assertEquals(sum, rollup.sum());
            assertEquals(min, rollup.min());
            assertEquals(max, rollup.max());
            assertEquals(raw, engine.queries().distribution("read_latency_us", Map.of(), between(startMs, startMs + 60_000)));
        }
        final Stats hour = engine.queries().stats("read_latency_us", TimeRange.ALL); // read from the 1 h resolution
        assertEquals(VALUES, hour.count());
    }

    @Test
    void shouldGiveOnePointPerIntervalWithEmptyIntervalsPresent()
    {
        final List<SeriesPoint> points = engine.queries().timeSeries("read_latency_us", Map.of(),
            Instant.ofEpochMilli(T0 - 20_000), Instant.ofEpochMilli(T0 + 180_000), Duration.ofSeconds(20), Aggregation.parse("count"));
        assertEquals(10, points.size());
        assertEquals(new SeriesPoint(T0 - 20_000, null, 0), points.get(0));
        for (int i = 1; i <= 6; i++)
        {
            assertEquals(new SeriesPoint(T0 + (i - 1) * 20_000L, 10_000.0, 10_000), points.get(i));
        }
        assertEquals(new SeriesPoint(T0 + 120_000, null, 0), points.get(7));

        final List<SeriesPoint> p99 = engine.queries().timeSeries("read_latency_us", Map.of(),
            Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 120_000), Duration.ofMinutes(1), Aggregation.parse("p99"));
        final long expected = engine.queries().percentile("read_latency_us", Map.of(), between(T0 + 60_000, T0 + 120_000), 0.99);
        assertEquals((double)expected, p99.get(1).value());

        final List<SeriesPoint> rate = engine.queries().timeSeries("read_latency_us", Map.of(),
            Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 10_000), Duration.ofSeconds(5), Aggregation.parse("rate"));
        assertEquals(500.0, rate.get(0).value());
    }

    /** {@code last}: per interval the newest value of each series, summed over the series (a gauge's value then). */
    @Test
    void shouldGiveTheNewestValueOfEachSeriesPerIntervalForLast()
    {
        clock.set(T0 + 200_000);
        engine.gauge("active_sessions").set(3);
        engine.flush();
        clock.set(T0 + 205_000);
        engine.gauge("active_sessions").set(7);
        engine.counter("operation_error", "operation", "read").add(2);
        engine.counter("operation_error", "operation", "write").add(5);
        engine.flush();

        final List<SeriesPoint> sessions = engine.queries().timeSeries("active_sessions", Map.of(),
            Instant.ofEpochMilli(T0 + 200_000), Instant.ofEpochMilli(T0 + 220_000), Duration.ofSeconds(10),
            Aggregation.parse("last"));
        assertEquals(List.of(new SeriesPoint(T0 + 200_000, 7.0, 2), new SeriesPoint(T0 + 210_000, null, 0)), sessions);
        assertEquals(7.0, engine.queries().timeSeries("operation_error", Map.of(), Instant.ofEpochMilli(T0 + 200_000),
            Instant.ofEpochMilli(T0 + 210_000), Duration.ofSeconds(10), Aggregation.parse("last")).get(0).value(),
            "two series: their newest values summed");
    }

    @Test
    void shouldRefuseBadTimeSeriesRequestsWithAMessage()
    {
        final Instant from = Instant.ofEpochMilli(T0);
        assertEquals("from (" + (T0 + 1) + ") is after to (" + T0 + ")", assertThrows(IllegalArgumentException.class,
            () -> engine.queries().timeSeries("read_latency_us", Map.of(), from.plusMillis(1), from, Duration.ofSeconds(1),
                Aggregation.parse("avg"))).getMessage());
        assertEquals("the query would return 86400 points, more than the maximum of 10000 (max_query_points): " +
            "use a longer interval or a shorter range", assertThrows(IllegalArgumentException.class,
            () -> engine.queries().timeSeries("read_latency_us", Map.of(), from, from.plus(Duration.ofDays(1)), Duration.ofSeconds(1),
                Aggregation.parse("avg"))).getMessage());
        assertEquals("unknown aggregation 'p101': use avg, sum, min, max, count, rate, last or pNN with NN in [0, 100] " +
            "(p50, p99, p99.9)", assertThrows(IllegalArgumentException.class, () -> Aggregation.parse("p101")).getMessage());
        assertEquals("percentile aggregation p99 needs a histogram metric; 'variable_read' is a counter",
            assertThrows(IllegalArgumentException.class, () -> engine.queries().timeSeries("variable_read", Map.of(), from,
                from.plusSeconds(10), Duration.ofSeconds(1), Aggregation.parse("p99"))).getMessage());
        assertEquals("percentile must be a fraction in [0, 1], was 1.5", assertThrows(IllegalArgumentException.class,
            () -> engine.queries().percentiles("read_latency_us", Map.of(), TimeRange.ALL, 1.5)).getMessage());
    }

    @Test
    void shouldReadRangesOlderThanEveryRetentionFromTheResolutionKeptLongest()
    {
        // 40 days later, before the consumer's next commit expires anything: the range is older than every
        // retention and is read from the 1 h resolution (kept longest), which still holds it
        clock.set(T0 + 40L * 24 * 3_600_000L);
        assertEquals(VALUES, engine.queries().stats("read_latency_us", between(T0 - 3_600_000L, T0 + 3_600_000L)).count());
    }

    @Test
    void shouldRefuseASeriesNoResolutionCanAnswer()
    {
        clock.set(T0 + 2 * 3_600_000L); // raw buckets of T0 are past raw_retention (1 h)
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> engine.queries().timeSeries(
            "read_latency_us", Map.of(), Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 60_000),
            Duration.ofSeconds(10), Aggregation.parse("count")));
        assertTrue(ex.getMessage().startsWith("no resolution can answer intervals of 10000 ms from "), ex.getMessage());
        assertEquals(VALUES / 2, engine.queries().timeSeries("read_latency_us", Map.of(), Instant.ofEpochMilli(T0),
            Instant.ofEpochMilli(T0 + 60_000), Duration.ofSeconds(60), Aggregation.parse("count")).get(0).count());
    }

    @Test
    void shouldNeverReportAPercentileOutsideTheRecordedMinAndMax()
    {
        final Stats stats = engine.queries().stats("read_latency_us", TimeRange.ALL);
        final PercentileResult r = engine.queries().percentiles("read_latency_us", Map.of(), TimeRange.ALL, 0.0, 1.0);
        assertEquals(stats.min(), r.values().get(0.0));
        assertEquals(stats.max(), r.values().get(1.0));
    }

    @Test
    void shouldDivideRatesByTheRangesRealLength()
    {
        final CounterHandle reads = engine.counter("variable_read");
        clock.set(T0 + 200_000);           // 3 min 20 s after T0: LAST_MINUTE is [T0 + 141 s, T0 + 201 s)
        reads.add(30);
        engine.flush();
        clock.set(T0 + 200_500);           // half of the current bucket elapsed: 59.5 s of the range are real
        assertEquals(30 / 59.5, engine.queries().rate("variable_read", Map.of(), TimeRange.LAST_MINUTE), 1e-9);
        assertEquals(VALUES / 120.0, engine.queries().rate("read_latency_us", Map.of(), between(T0, T0 + 120_000)), 1e-9);
        assertNull(engine.queries().rate("variable_write", Map.of(), TimeRange.LAST_MINUTE));
    }
}
