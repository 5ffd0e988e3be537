package dev.bridge.analytics;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.export.ExportFormat;
import dev.bridge.analytics.export.HistogramExport;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.query.Aggregation;
import dev.bridge.analytics.query.PercentileResult;
import dev.bridge.analytics.query.SeriesPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Values above a histogram's {@code highest} (read_latency_us: 60 000 000 us) are kept: count, sum and max exact,
 * the HdrHistogram holding them as {@code highest}, a percentile that falls among them reported as {@code highest}
 * flagged "above highest", exact samples exact; negatives still rejected and counted.
 */
class OutliersTest
{
    private static final long T0 = 1_700_000_040_000L;
    private static final long HIGHEST_US = 60_000_000L;
    private static final long OUTLIER_US = 90_000_000L;

    @TempDir
    Path dir;

    @Test
    void shouldReportAP99MadeOfOutliersAsHighestAboveHighestWithExactCountSumAndMax()
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), new ManualClock(T0)))
        {
            recordNinetyEightFastAndTwoOutliers(engine.histogram("read_latency_us"));
            engine.histogram("read_latency_us").record(-1);
            engine.flush();

            final PercentileResult result = engine.queries().percentiles("read_latency_us", Map.of(), TimeRange.ALL, 0.5, 0.98, 0.99, 1.0);
            assertEquals(PercentileResult.HISTOGRAM_MODE, result.mode());
            assertEquals(100, result.count());
            assertEquals(100L, result.values().get(0.5));
            assertEquals(100L, result.values().get(0.98));
            assertEquals(HIGHEST_US, result.values().get(0.99));
            assertEquals(HIGHEST_US, result.values().get(1.0));
            assertEquals(Set.of(0.99, 1.0), result.aboveHighest());
            final Stats stats = engine.queries().stats("read_latency_us", TimeRange.ALL);
            assertEquals(100, stats.count());
            assertEquals(98 * 100L + 2 * OUTLIER_US, stats.sum());
            assertEquals(OUTLIER_US, stats.max());
            assertEquals(100L, stats.min());
            assertEquals(1, engine.selfMetric(SelfMetric.EVENTS_REJECTED));
            assertEquals(100, engine.selfMetric(SelfMetric.EVENTS_AGGREGATED));
            assertEquals(2, engine.selfMetric(SelfMetric.VALUES_ABOVE_HIGHEST));
        }
    }

    @Test
    void shouldMarkTheP99PointsThatFellAboveHighest()
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), new ManualClock(T0)))
        {
            recordNinetyEightFastAndTwoOutliers(engine.histogram("read_latency_us"));
            engine.flush();

            final Instant from = Instant.ofEpochMilli(T0);
            final List<SeriesPoint> p99 = engine.queries().timeSeries("read_latency_us", Map.of(), from, from.plusSeconds(2),
                Duration.ofSeconds(1), Aggregation.parse("p99"));
            assertEquals(List.of(new SeriesPoint(T0, (double)HIGHEST_US, 100, true), new SeriesPoint(T0 + 1_000, null, 0)),
                p99);
            final List<SeriesPoint> p50 = engine.queries().timeSeries("read_latency_us", Map.of(), from, from.plusSeconds(1),
                Duration.ofSeconds(1), Aggregation.parse("p50"));
            assertEquals(List.of(new SeriesPoint(T0, 100.0, 100, false)), p50);
        }
    }

    @Test
    void shouldAnswerAP99OfOutliersExactlyFromExactSamples()
    {
        // optimization_duration_ms: highest 3 600 000 ms, exact_samples 1000
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), new ManualClock(T0)))
        {
            final HistogramHandle durations = engine.histogram("optimization_duration_ms");
            for (int i = 0; i < 98; i++)
            {
                durations.record(100);
            }
            durations.record(5_000_000L);
            durations.record(7_000_000L);
            engine.flush();

            final PercentileResult result = engine.queries().percentiles("optimization_duration_ms", Map.of(), TimeRange.ALL, 0.5, 0.99, 1.0);
            assertEquals(new PercentileResult(100, Map.of(0.5, 100L, 0.99, 5_000_000L, 1.0, 7_000_000L),
                PercentileResult.EXACT_MODE, 0.0), result);
            assertEquals(12_000_000L + 9_800L, engine.queries().stats("optimization_duration_ms", TimeRange.ALL).sum());
        }
    }

    @Test
    void shouldKeepALateOutlierAndSaturateTheSumOfHugeValues()
    {
        final ManualClock clock = new ManualClock(T0);
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            final HistogramHandle latency = engine.histogram("read_latency_us");
            latency.record(100);
            engine.flush();
            clock.set(T0 + 5_000);
            latency.record(200);
            engine.flush();
            latency.recordAt(OUTLIER_US, T0 + 10); // late: merged into the stored bucket of T0
            latency.record(Long.MAX_VALUE);
            latency.record(Long.MAX_VALUE);
            engine.flush();

            assertEquals(1, engine.selfMetric(SelfMetric.EVENTS_LATE));
            assertEquals(0, engine.selfMetric(SelfMetric.EVENTS_REJECTED));
            final TimeRange first = TimeRange.between(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 1_000));
            final PercentileResult late = engine.queries().percentiles("read_latency_us", Map.of(), first, 0.5, 1.0);
            assertEquals(Map.of(0.5, 100L, 1.0, HIGHEST_US), late.values());
            assertEquals(Set.of(1.0), late.aboveHighest());
            final Stats all = engine.queries().stats("read_latency_us", TimeRange.ALL);
            assertEquals(5, all.count());
            assertEquals(Long.MAX_VALUE, all.sum());
            assertEquals(Long.MAX_VALUE, all.max());
            assertEquals(Map.of(0.2, 100L, 0.4, 200L, 0.6, HIGHEST_US),
                engine.queries().percentiles("read_latency_us", Map.of(), TimeRange.ALL, 0.2, 0.4, 0.6).values());
        }
    }

    @Test
    void shouldScrapeOutliersIntoTheInfBucketWithAnExactSum() throws Exception
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), new ManualClock(T0)))
        {
            recordNinetyEightFastAndTwoOutliers(engine.histogram("read_latency_us"));
            engine.flush();

            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            engine.queries().scrape(ExportFormat.PROMETHEUS, out);
            final List<String> lines = out.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("dspex_read_latency_seconds_bucket{le=\"1.0\"}") ||
                    l.startsWith("dspex_read_latency_seconds_bucket{le=\"+Inf\"}") ||
                    l.startsWith("dspex_read_latency_seconds_count") || l.startsWith("dspex_read_latency_seconds_sum"))
                .toList();
            // the last bound is 1 s: the two 90 s outliers are in +Inf only, and in the sum exactly
            assertEquals(List.of(
                "dspex_read_latency_seconds_bucket{le=\"1.0\"} 98",
                "dspex_read_latency_seconds_bucket{le=\"+Inf\"} 100",
                "dspex_read_latency_seconds_count 100",
                "dspex_read_latency_seconds_sum 180.0098"), lines);
        }
    }

    @Test
    void shouldExportAP99MadeOfOutliersAsHighestAboveHighest() throws Exception
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), new ManualClock(T0)))
        {
            recordNinetyEightFastAndTwoOutliers(engine.histogram("read_latency_us"));
            engine.flush();

            final HistogramExport histogram = engine.queries().snapshot(TimeRange.ALL).series().stream()
                .filter(s -> s.metric().name().equals("read_latency_us")).findFirst().orElseThrow().histogram();
            assertEquals(100L, histogram.percentiles().get(0.5));
            assertEquals(HIGHEST_US, histogram.percentiles().get(0.99));
            assertEquals(Set.of(0.99, 0.999), histogram.aboveHighest());
            assertEquals(98 * 100L + 2 * OUTLIER_US, histogram.sum());
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            engine.queries().export(ExportFormat.JSON, TimeRange.ALL, out);
            final String json = out.toString(StandardCharsets.UTF_8);
            final String latency = json.substring(json.indexOf("\"metric\":\"read_latency_us\""));
            final String percentiles = latency.substring(latency.indexOf("\"percentiles\""), latency.indexOf('}',
                latency.indexOf("\"above_highest\"")));
            assertEquals("\"percentiles\":{\"0.5\":100,\"0.9\":100,\"0.95\":100,\"0.99\":60000000,\"0.999\":60000000}," +
                "\"percentile_mode\":\"histogram\",\"above_highest\":[0.99,0.999]", percentiles);
        }
    }

    /** 98 values of 100 us and 2 of 90 s (above highest, 60 s) in the bucket of T0. */
    private static void recordNinetyEightFastAndTwoOutliers(final HistogramHandle latency)
    {
        for (int i = 0; i < 98; i++)
        {
            latency.record(100);
        }
        latency.record(OUTLIER_US);
        latency.record(OUTLIER_US);
    }
}
