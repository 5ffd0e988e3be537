package dev.bridge.analytics;

import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Range reads start at each series' first bucket with data ({@code series-starts.dat}) instead of the range's start:
 * the answers must be those of an unbounded read, for a store that keeps the starts, for a store written before
 * it did (read as it is, then opened by an engine that derives them), and for series without data.
 */
class SeriesStartsTest
{
    private static final long HOUR_MS = 3_600_000L;
    /** An hour boundary, so that the buckets of every resolution start on it. */
    private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % HOUR_MS;

    @TempDir
    Path dir;

    @Test
    void shouldAnswerEveryRangeAsAnUnboundedReadWouldWithAndWithoutStarts()
    {
        final ManualClock clock = new ManualClock(T0 + 30 * HOUR_MS);
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            // history with a gap: 2 h ago-ish and 26 h ago, written late with explicit timestamps
            engine.counter("optimization_started").addAt(3, T0 + 4 * HOUR_MS + 1_500);
            engine.counter("optimization_started").addAt(5, T0 + 28 * HOUR_MS + 59_000);
            engine.counter("optimization_started").addAt(7, T0 + 30 * HOUR_MS - 1);
            engine.histogram("read_latency_us").recordAt(120, T0 + 29 * HOUR_MS + 10);
            engine.flush();
            assertAnswers(engine.queries());
        }
        assertTrue(Files.exists(dir.resolve("series-starts.dat")));

        try (AnalyticsReader reader = AnalyticsReader.open(TestConfigs.inDirectory(dir), dir, clock))
        {
            assertAnswers(reader.queries());
        }

        deleteStarts(); // a store from before series-starts.dat: read unbounded, then derived by the next writer
        writeFirstVersionStarts(); // the first version's file (int keys) is ignored by readers, removed by writers
        try (AnalyticsReader reader = AnalyticsReader.open(TestConfigs.inDirectory(dir), dir, clock))
        {
            assertAnswers(reader.queries());
        }
        assertFalse(Files.exists(dir.resolve("series-starts.dat")));
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            assertTrue(Files.exists(dir.resolve("series-starts.dat")));
            assertFalse(Files.exists(dir.resolve("starts.dat")));
            assertAnswers(engine.queries());
        }
    }

    @Test
    void shouldFindValuesOlderThanRawRetentionThatOnlyRollupsHold()
    {
        final ManualClock clock = new ManualClock(T0 + 30 * HOUR_MS);
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            // 5 h ago: past raw_retention (1 h), within retention_period (24 h): only the rollups keep it
            engine.counter("optimization_failed").addAt(4, T0 + 25 * HOUR_MS + 30_000);
            engine.flush();
            assertEquals(1, engine.selfMetric(SelfMetric.VALUES_EXPIRED), "rollups only");
            assertEquals(4, engine.queries().stats("optimization_failed", TimeRange.LAST_DAY).sum());
            assertEquals(4, engine.queries().stats("optimization_failed", TimeRange.ALL).sum());
            engine.counter("optimization_failed").add(1); // now: a raw bucket, 5 h after the first data
            engine.flush();
            assertEquals(5, engine.queries().stats("optimization_failed", TimeRange.LAST_DAY).sum());
            assertEquals(5, engine.queries().stats("optimization_failed", TimeRange.ALL).sum());
        }
    }

    @Test
    void shouldFindAValuePastRawRetentionThatOnlyTheLiveRollupBucketHolds()
    {
        final ManualClock clock = new ManualClock(T0 + 30 * HOUR_MS + 50_000);
        final var config = TestConfigs.inDirectory(dir).withEngine(b -> b.rawRetention(Duration.ofSeconds(30)));
        try (AnalyticsEngine engine = AnalyticsEngine.start(config, clock))
        {
            // 45 s ago: past raw_retention (30 s), inside the live one-minute rollup bucket: no raw bucket holds it
            engine.counter("optimization_failed").addAt(3, T0 + 30 * HOUR_MS + 5_000);
            engine.flush();
            assertEquals(1, engine.selfMetric(SelfMetric.VALUES_EXPIRED), "rollups only");
            assertEquals(3, engine.queries().stats("optimization_failed", TimeRange.LAST_HOUR).sum());
            assertEquals(3, engine.queries().stats("optimization_failed", TimeRange.ALL).sum());
        }
    }

    private void writeFirstVersionStarts()
    {
        try
        {
            Files.writeString(dir.resolve("starts.dat"), "not a map of this version");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void deleteStarts()
    {
        try
        {
            Files.delete(dir.resolve("series-starts.dat"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void assertAnswers(final AnalyticsQueries queries)
    {
        assertEquals(15, queries.stats("optimization_started", TimeRange.ALL).sum());
        assertEquals(12, queries.stats("optimization_started", TimeRange.LAST_DAY).sum());
        assertEquals(7, queries.stats("optimization_started", TimeRange.LAST_HOUR).sum());
        assertEquals(1, queries.stats("read_latency_us", TimeRange.ALL).count());
        assertEquals(0, queries.stats("optimization_completed", TimeRange.ALL).count());
        assertEquals(120L, queries.percentile("read_latency_us", Map.of(), TimeRange.LAST_DAY, 0.5));
    }
}
