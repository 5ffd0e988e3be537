package dev.bridge.analytics;

import dev.bridge.analytics.query.SeriesPoint;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.http.EngineHealth;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.query.Aggregation;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.StoreCapacity;
import dev.bridge.analytics.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store whose histogram map fills (the 1/8 share of earlier versions did at 3,000 new StatsD names a second) fails
 * loudly: refused writes are counted, /api/health says degraded and why, and a percentile over buckets whose
 * histograms were lost is refused with the coverage instead of answered from the rest (43% of the values were
 * silently missing; a time-series percentile threw a NullPointerException).
 */
class StoreFullTest
{
    private static final long T0 = 1_699_999_200_000L; // an hour boundary
    private static final int SECONDS = 3_600;
    private static final int LABELS = 20;
    private static final long VALUES = (long)SECONDS * LABELS;

    @TempDir
    Path dir;

    private EngineConfig config() throws Exception
    {
        return EngineConfig.parse("engine:\n  data_directory: " + dir + "\n  store_entries: 200000\n" +
            "  resource_sampling_interval: 0s\nmetrics:\n  lat_us:\n    type: histogram\n    unit: microseconds\n" +
            "    help: x\n    labels: [op]\n    histogram: { lowest: 1, highest: 60000000, significant_digits: 3 }\n",
            "full.yaml");
    }

    @Test
    void shouldFailLoudlyAndRefusePartialPercentilesWhenTheHistogramMapIsFull() throws Exception
    {
        // a store created with a histogram map far smaller than its aggregate map, as earlier versions made them
        MetricStore.openForWriting(dir, new StoreCapacity(200_000, 1_000, 1_000, 16_384)).close();
        final ManualClock clock = new ManualClock(T0 + SECONDS * 1000L);
        final AnalyticsEngine engine = AnalyticsEngine.start(config(), clock);
        try
        {
            final HistogramHandle[] handles = new HistogramHandle[LABELS];
            for (int k = 0; k < LABELS; k++)
            {
                handles[k] = engine.histogram("lat_us", "op", "o" + k);
            }
            for (int i = 0; i < SECONDS; i++)
            {
                for (final HistogramHandle handle : handles)
                {
                    handle.recordAt(100 + i % 50, T0 + i * 1000L);
                }
            }
            final IllegalStateException flush = assertThrows(IllegalStateException.class, engine::flush);
            assertTrue(flush.getMessage().startsWith("analytics-pipeline cannot commit to the store (kept in memory, " +
                "retried): " + StoreException.class.getName() + ": " + dir.resolve("histograms.dat") +
                ": cannot write a bucket: the map is full"), flush.getMessage());

            assertEquals(VALUES, engine.queries().stats("lat_us", TimeRange.ALL).count(), "the aggregates are complete");
            assertPercentilesRefused(() -> engine.queries().percentiles("lat_us", Map.of(), TimeRange.ALL, 0.5, 0.99));
            assertThrows(StoreException.class, () -> engine.queries().timeSeries("lat_us", Map.of(), Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + SECONDS * 1000L), Duration.ofMinutes(1), Aggregation.parse("p99")));

            final long failures = engine.selfMetric(SelfMetric.STORE_WRITE_FAILURES);
            final long errors = engine.selfMetric(SelfMetric.HANDLER_ERRORS);
            assertTrue(failures > 0);
            final Map<String, Object> health = EngineHealth.of(engine).get();
            assertEquals("degraded", health.get("status"));
            assertEquals(List.of("handler_errors", "store_write_failures", "store_lost_writes"), health.get("degraded_reasons"));
            // the pipeline keeps retrying meanwhile: health reports the live counters, read between two reads of them
            assertBetween(failures, health.get("store_write_failures"), engine.selfMetric(SelfMetric.STORE_WRITE_FAILURES));
            assertBetween(errors, health.get("handler_errors"), engine.selfMetric(SelfMetric.HANDLER_ERRORS));
            assertTrue(Files.exists(dir.resolve("write-failures.log")));
        }
        finally
        {
            try
            {
                engine.close();
            }
            catch (final IllegalStateException ex)
            {
                // the last commit cannot write the live histograms either
            }
        }
        try (AnalyticsReader reader = AnalyticsReader.open(config(), dir, clock))
        {
            assertEquals(VALUES, reader.queries().stats("lat_us", Map.of(), TimeRange.ALL).count());
            assertPercentilesRefused(() -> reader.queries().percentiles("lat_us", Map.of(), TimeRange.ALL, 0.5));
        }
    }

    @Test
    void shouldAnswerAHealthyStoreWithStatusOk() throws Exception
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(config(), new ManualClock(T0)))
        {
            engine.histogram("lat_us", "op", "a").record(5);
            engine.flush();
            final Map<String, Object> health = EngineHealth.of(engine).get();
            assertEquals("ok", health.get("status"));
            assertEquals(List.of(), health.get("degraded_reasons"));
            assertEquals(0L, health.get("store_write_failures"));
            assertEquals(false, health.get("store_lost_writes"));
        }
    }

    @Test
    void shouldAnswerATimeSeriesPercentileWhoseHistogramIsNotStoredYetWithoutAnException() throws Exception
    {
        final ManualClock clock = new ManualClock(T0 + 10_000);
        final int seriesId;
        try (AnalyticsEngine engine = AnalyticsEngine.start(config(), clock))
        {
            engine.histogram("lat_us", "op", "a").recordAt(5, T0 + 1_000);
            engine.flush();
            seriesId = engine.queries().series().stream().filter(s -> s.metric().name().equals("lat_us")).findFirst().orElseThrow().id();
        }
        try (MetricStore store = MetricStore.openForWriting(dir, 200_000, 16_384))
        {
            // the bucket's histogram not written (yet): its aggregate has a count (this threw a NullPointerException)
            store.newHistogramWriter().remove(BucketKey.raw(seriesId, (T0 + 1_000) / 1000));
        }
        try (AnalyticsReader reader = AnalyticsReader.open(config(), dir, clock))
        {
            final List<SeriesPoint> points = reader.queries().timeSeries("lat_us", Map.of(),
                Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 2_000), Duration.ofSeconds(1), Aggregation.parse("p99"));

            assertEquals(List.of(new SeriesPoint(T0, null, 0),
                new SeriesPoint(T0 + 1_000, null, 1)), points);
        }
    }

    private void assertPercentilesRefused(final Executable query)
    {
        final StoreException refused = assertThrows(StoreException.class, query);
        final Matcher m = Pattern.compile(Pattern.quote(dir.toString()) + ": percentiles of 'lat_us' would cover only " +
            "(\\d+) of the " + VALUES + " values in the range: the store refused to write some of their histograms " +
            "\\(its write-failures.log; engine_store_write_failures\\), so they are not answered\\. Stats, counts and " +
            "rates are complete while the aggregates were written\\. Rebuild the store with a larger engine.store_entries \\(snapshot it, start on a new " +
            "data_directory, merge the snapshot\\)").matcher(refused.getMessage());
        assertTrue(m.matches(), refused.getMessage());
        assertTrue(Long.parseLong(m.group(1)) < VALUES);
    }

    private static void assertBetween(final long before, final Object reported, final long after)
    {
        final long value = ((Number)reported).longValue();
        assertTrue(before <= value && value <= after, before + " <= " + value + " <= " + after);
    }
}
