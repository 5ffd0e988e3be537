package dev.bridge.analytics;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.query.StoredBuckets;
import dev.bridge.analytics.series.SeriesInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The classic-bound counts that the PromQL source reads per stored histogram bucket are cached between queries
 * only while they cannot change: a closed bucket, at the count it was read at. {@code read_latency_us} has the
 * bounds 50, 100, 250, 500, ... us (the default catalog's); the tests read its raw 1 s buckets. The consumer stamps
 * values with its clock when it takes them: each step flushes before the clock moves; the late value is stamped.
 */
class ClassicCountsCachingTest
{
    private static final long T = 1_700_000_040_000L; // a whole minute

    @TempDir
    Path dir;

    @Test
    void shouldRecountAClosedBucketWhenALateValueRaisesItsCount()
    {
        final ManualClock clock = new ManualClock(T);
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            final HistogramHandle latency = engine.histogram("read_latency_us");
            clock.set(T + 100);
            latency.record(40);
            latency.record(40);
            latency.record(400);
            engine.flush();
            clock.set(T + 2_100); // another bucket: the first one is closed, and its values are in the store
            latency.record(7);
            engine.flush();

            assertArrayEquals(new long[] { 2, 2, 2, 3 }, firstFour(firstBucket(engine)));
            assertEquals(1, engine.queries().classicCountsCached(), "the closed bucket, not the open one");
            assertArrayEquals(new long[] { 2, 2, 2, 3 }, firstFour(firstBucket(engine)), "from the cache");

            latency.recordAt(80, T + 200); // late: merged into the closed bucket in the store
            engine.flush();

            assertArrayEquals(new long[] { 2, 3, 3, 4 }, firstFour(firstBucket(engine)));
            assertEquals(1, engine.queries().classicCountsCached());
        }
    }

    @Test
    void shouldNotCacheTheBucketStillOpen()
    {
        final ManualClock clock = new ManualClock(T);
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            final HistogramHandle latency = engine.histogram("read_latency_us");
            clock.set(T + 100);
            latency.record(400);
            engine.flush();

            assertArrayEquals(new long[] { 0, 0, 0, 1 }, firstFour(firstBucket(engine)));
            assertEquals(0, engine.queries().classicCountsCached());

            latency.record(40);
            engine.flush();

            assertArrayEquals(new long[] { 1, 1, 1, 2 }, firstFour(firstBucket(engine)));
            assertEquals(0, engine.queries().classicCountsCached());
        }
    }

    /** @return the classic counts of the first raw bucket of read_latency_us from T. */
    private static long[] firstBucket(final AnalyticsEngine engine)
    {
        final SeriesInfo series = engine.queries().series().stream()
            .filter(s -> s.metric().name().equals("read_latency_us")).findFirst().orElseThrow();
        final Resolution raw = engine.config().engine().resolutions().get(0);
        final List<StoredBuckets> read = engine.queries().storedBuckets(List.of(series), raw, T);
        assertEquals(T, read.get(0).startMs()[0]);
        return read.get(0).classicBelow()[0];
    }

    private static long[] firstFour(final long[] counts)
    {
        return Arrays.copyOf(counts, 4);
    }
}
