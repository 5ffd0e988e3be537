package dev.bridge.analytics.export;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.query.PercentileResult;
import dev.bridge.analytics.query.SeriesBucket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.bridge.analytics.export.ExportWorkload.A;
import static dev.bridge.analytics.export.ExportWorkload.B;
import static dev.bridge.analytics.export.ExportWorkload.NOW;
import static dev.bridge.analytics.export.ExportWorkload.S;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snapshot every format is written from, taken from one engine after {@link ExportWorkload} (the bundled
 * export settings: read_latency_us has configured bucket bounds, grpc_latency_us the default ones).
 */
class ExportSnapshotTest
{
    @TempDir
    static Path dir;
    private static AnalyticsEngine engine;

    @BeforeAll
    static void record()
    {
        final ManualClock clock = new ManualClock(S);
        engine = AnalyticsEngine.start(ExportWorkload.config(dir, EngineConfig.defaults().export()), clock);
        ExportWorkload.run(engine, clock);
    }

    @AfterAll
    static void close()
    {
        engine.close();
    }

    @Test
    void shouldHoldCounterTotalsAndGaugeLastValues()
    {
        final ExportSnapshot snapshot = engine.queries().snapshot(TimeRange.ALL);

        assertEquals(1500, series(snapshot, "variable_read", Map.of()).total());
        assertEquals(3, series(snapshot, "http_error", Map.of("path", ExportWorkload.TRICKY)).total());
        assertEquals(5, series(snapshot, "http_error", Map.of("path", "/plain")).total());
        assertEquals(-25L, series(snapshot, "optimization_improvement", Map.of()).last());
        assertEquals(600L, series(snapshot, "memory_usage_mb", Map.of()).last());
    }

    @Test
    void shouldCountHistogramValuesCumulativelyAtTheConfiguredBounds()
    {
        final HistogramExport read = series(engine.queries().snapshot(TimeRange.ALL), "read_latency_us", Map.of())
            .histogram();

        // bounds 50, 100, 250, 500, 1000, 2500, 5000, 10000, ...; values 1..100 and 5000
        assertEquals(13, read.bucketCount());
        assertArrayEquals(new long[]{ 50, 100, 100, 100, 100, 100, 101, 101, 101, 101, 101, 101, 101 },
            IntStream.range(0, read.bucketCount()).mapToLong(read::cumulativeCount).toArray());
        assertEquals(101, read.count());
        assertEquals(5050 + 5000, read.sum());
        assertFalse(read.exact());
    }

    @Test
    void shouldCountValuesAboveTwoThousandAtTheirBoundAsWell()
    {
        final HistogramExport grpc = series(engine.queries().snapshot(TimeRange.ALL), "grpc_latency_us", Map.of())
            .histogram();

        // default bounds 1-2.5-5 per decade; 2500 us and 1 s recorded: each lands in the bucket of its own value
        assertEquals(1, grpc.cumulativeCount(bound(grpc, 2500)));
        assertEquals(1, grpc.cumulativeCount(bound(grpc, 500_000)));
        assertEquals(2, grpc.cumulativeCount(bound(grpc, 1_000_000)));
    }

    @Test
    void shouldGiveThePercentilesThePercentileQueryGives()
    {
        final ExportSnapshot snapshot = engine.queries().snapshot(TimeRange.ALL);

        for (final String metric : List.of("read_latency_us", "write_latency_us", "grpc_latency_us", "optimization_duration_ms"))
        {
            final PercentileResult expected = engine.queries().percentiles(metric, Map.of(), TimeRange.ALL, 0.5, 0.9, 0.95, 0.99, 0.999);
            final HistogramExport h = series(snapshot, metric, Map.of()).histogram();
            assertEquals(expected.values(), h.percentiles(), metric);
            assertEquals(PercentileResult.EXACT_MODE.equals(expected.mode()), h.exact(), metric);
        }
    }

    @Test
    void shouldUseTheExactSamplesOfMetricsThatKeepThem()
    {
        final HistogramExport duration =
            series(engine.queries().snapshot(TimeRange.ALL), "optimization_duration_ms", Map.of()).histogram();

        assertTrue(duration.exact());
        assertEquals(Map.of(0.5, 200L, 0.9, 300L, 0.95, 300L, 0.99, 300L, 0.999, 300L), duration.percentiles());
    }

    @Test
    void shouldDateEachSeriesFromItsFirstRawBucketWithData()
    {
        final ExportSnapshot snapshot = engine.queries().snapshot(TimeRange.ALL);

        assertEquals(A, series(snapshot, "variable_read", Map.of()).createdMs());
        assertEquals(B, series(snapshot, "http_error", Map.of("path", "/plain")).createdMs());
    }

    @Test
    void shouldDateASeriesOlderThanTheRangeFromTheRangesStart()
    {
        final ExportSnapshot snapshot = engine.queries().snapshot(TimeRange.between(
            Instant.ofEpochMilli(S + 60_000), Instant.ofEpochMilli(S + 120_000)));

        assertEquals(S + 60_000, series(snapshot, "variable_read", Map.of()).createdMs());
        assertEquals(500, series(snapshot, "variable_read", Map.of()).total());
    }

    @Test
    void shouldKeepSeriesWithoutDataAsEmptyAndLeaveThemOutOfPrometheus() throws Exception
    {
        engine.counter("operation_error", "operation", "delete"); // registered, never counted
        final ExportSnapshot snapshot = engine.queries().snapshot(TimeRange.ALL);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.queries().export(ExportFormat.PROMETHEUS, TimeRange.ALL, out);

        final SeriesExport delete = series(snapshot, "operation_error", Map.of("operation", "delete"));
        assertEquals(Stats.EMPTY, delete.stats());
        assertNull(delete.createdMs());
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("operation=\"delete\""));
    }

    @Test
    void shouldReadOneRowPerBucketAtTheRangesResolution()
    {
        final ExportSnapshot snapshot = engine.queries().snapshot(TimeRange.LAST_HOUR);

        assertEquals(60_000, snapshot.range().resolutionMs());
        assertEquals(List.of(new SeriesBucket(S, 1, 1000, 1000, 1000, 1000),
            new SeriesBucket(S + 60_000, 1, 500, 500, 500, 500)), series(snapshot, "variable_read", Map.of()).buckets());
    }

    @Test
    void shouldResolveTheRangeOnceAtTheClocksTime()
    {
        final ExportSnapshot snapshot = engine.queries().snapshot(TimeRange.LAST_HOUR);
        final TimeRange.ResolvedRange expected =
            TimeRange.LAST_HOUR.resolve(NOW, engine.config().engine().resolutions());

        assertEquals(NOW, snapshot.takenAtMs());
        assertEquals(ExportRange.of(TimeRange.LAST_HOUR, expected), snapshot.range());
        assertEquals(engine.queries().dashboard(TimeRange.LAST_HOUR), snapshot.dashboard());
    }

    @Test
    void shouldReadOnlyThePartsAskedFor()
    {
        final ExportSnapshot lean = engine.queries().snapshot(TimeRange.ALL, EnumSet.noneOf(SnapshotPart.class));
        final ExportSnapshot push = engine.queries().snapshot(TimeRange.ALL, EnumSet.of(SnapshotPart.DISTRIBUTIONS));

        assertNull(lean.dashboard());
        assertEquals(List.of(), series(lean, "variable_read", Map.of()).buckets());
        assertNull(series(lean, "read_latency_us", Map.of()).distribution());
        assertEquals(101, series(push, "read_latency_us", Map.of()).distribution().getTotalCount());
    }

    @Test
    void shouldListSeriesInCatalogOrderThenByLabels()
    {
        final List<String> metrics = engine.queries().snapshot(TimeRange.ALL).series().stream()
            .map(s -> s.metric().name() + s.labels().values()).toList();

        assertEquals("variable_read[]", metrics.get(0));
        assertTrue(metrics.indexOf("operation_error[read]") + 1 == metrics.indexOf("operation_error[write]"), metrics.toString());
        assertTrue(metrics.indexOf("http_error[/plain]") > metrics.indexOf("ets_memory_mb[]"), metrics.toString());
        assertTrue(metrics.get(metrics.size() - 1).startsWith("engine_"), metrics.toString());
    }

    private static int bound(final HistogramExport h, final double bound)
    {
        for (int i = 0; i < h.bucketCount(); i++)
        {
            if (h.upperBound(i) == bound)
            {
                return i;
            }
        }
        throw new AssertionError("no bound " + bound);
    }

    static SeriesExport series(final ExportSnapshot snapshot, final String metric, final Map<String, String> labels)
    {
        return snapshot.series().stream()
            .filter(s -> s.metric().name().equals(metric) && s.labels().entrySet().containsAll(labels.entrySet()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no series " + metric + labels));
    }
}
