package dev.bridge.analytics.export;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.StatsdPushSettings;
import dev.bridge.analytics.dashboard.Dashboard;
import dev.bridge.analytics.query.SeriesBucket;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * A small snapshot built by hand (no engine): the input of the golden files under {@code export/}.
 * <pre>
 * http_error{path=TRICKY}  counter, requests: buckets at T (1) and T + 60 s (2): total 3, created T + 10 s
 * http_error{path="/plain"} counter: one bucket at T + 60 s of 5, created T + 70 s
 * cache_hit                 counter without data in the range
 * memory_usage_mb           gauge, megabytes: 512 then 600 (exported as 629145600 bytes)
 * optimization_improvement  gauge, basis points: 250 then -25
 * read_latency_us           histogram, microseconds, bounds 50, 100, 250, 1000 (exported in seconds), exact values
 *                           20, 50, 75, 100 at T and 1000, 5000 at T + 60 s; summary quantiles 0.5 and 0.99
 * range last_hour: minute buckets [T - 59 min, T + 1 min), taken at T + 90 s
 * </pre>
 */
final class FixedSnapshot
{
    /** A whole minute. */
    static final long T = 1_700_000_040_000L;
    static final String TRICKY = "C:\\tmp \"quoted\"\nnext, é";
    private static final long[] LATENCIES = { 20, 50, 75, 100, 1000, 5000 };

    private FixedSnapshot()
    {
    }

    static ExportSnapshot snapshot()
    {
        final ExportSettings settings = new ExportSettings("dspex_", List.of(0.5, 0.99),
            Map.of("read_latency_us", List.of(50.0, 100.0, 250.0, 1000.0)), StatsdPushSettings.DEFAULT);
        final List<Double> percentiles = ExportSnapshot.percentilesFor(settings);
        final MetricDefinition httpError = new MetricDefinition("http_error", MetricType.COUNTER, "requests",
            "HTTP requests that failed, by path (a backslash \\ and\na line feed).", List.of("path"), null);
        final MetricDefinition cacheHit = new MetricDefinition("cache_hit", MetricType.COUNTER, "lookups",
            "Variable lookups answered from the cache.", List.of(), null);
        final MetricDefinition memory = new MetricDefinition("memory_usage_mb", MetricType.GAUGE, "megabytes",
            "JVM heap in use, in MiB.", List.of(), null);
        final MetricDefinition improvement = new MetricDefinition("optimization_improvement", MetricType.GAUGE,
            "basis_points", "Score gain of the last optimization, in 1/100 of a percent.", List.of(), null);
        final MetricDefinition latency = new MetricDefinition("read_latency_us", MetricType.HISTOGRAM, "microseconds",
            "Latency of a variable read.", List.of(), new HistogramSpec(1, 60_000_000, 3, 1000));
        final long minute = 60_000;
        final List<SeriesExport> series = List.of(
            new SeriesExport(httpError, Map.of("path", TRICKY), "http_error|path=tricky", false,
                stats(1, 2), T + 10_000,
                List.of(new SeriesBucket(T, 1, 1, 1, 1, 1), new SeriesBucket(T + minute, 1, 2, 2, 2, 2)), null, null),
            new SeriesExport(httpError, Map.of("path", "/plain"), "http_error|path=/plain", false,
                stats(5), T + 70_000,
                List.of(new SeriesBucket(T + minute, 1, 5, 5, 5, 5)), null, null),
            new SeriesExport(cacheHit, Map.of(), "cache_hit", false, Stats.EMPTY, null, List.of(), null, null),
            new SeriesExport(memory, Map.of(), "memory_usage_mb", false,
                stats(512, 600), T + 10_000,
                List.of(new SeriesBucket(T, 1, 512, 512, 512, 512), new SeriesBucket(T + minute, 1, 600, 600, 600, 600)),
                null, null),
            new SeriesExport(improvement, Map.of(), "optimization_improvement", false,
                stats(250, -25), T + 10_000,
                List.of(new SeriesBucket(T, 1, 250, 250, 250, 250), new SeriesBucket(T + minute, 1, -25, -25, -25, -25)),
                null, null),
            new SeriesExport(latency, Map.of(), "read_latency_us", false,
                stats(LATENCIES), T + 10_000,
                List.of(new SeriesBucket(T, 4, 245, 20, 100, 100), new SeriesBucket(T + minute, 2, 6000, 1000, 5000, 5000)),
                SnapshotAssembler.histogram(settings.bucketsFor(latency), stats(LATENCIES),
                    (org.HdrHistogram.Histogram)null, LATENCIES, percentiles),
                null));
        final Dashboard dashboard = new Dashboard(T + 90_000,
            new Dashboard.Range("last_hour", T - 59 * minute, T + minute, minute),
            new Dashboard.Operations(null, null, null),
            new Dashboard.Performance(75L, 5000L, 5000L, null, null, null),
            new Dashboard.Cache(null, null, null, null),
            new Dashboard.Optimizations(null, null, null, null, null),
            new Dashboard.Health(null, null, 600L, null));
        return new ExportSnapshot(T + 90_000, new ExportRange("last_hour", T - 59 * minute, T + minute, minute, false),
            series, dashboard, settings, EnumSet.of(SnapshotPart.BUCKETS, SnapshotPart.DASHBOARD));
    }

    /** @return the stats of {@code values} recorded in this order, as the engine computes them. */
    static Stats stats(final long... values)
    {
        long sum = 0;
        double squares = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (final long v : values)
        {
            sum += v;
            squares += (double)v * v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        final double mean = (double)sum / values.length;
        return new Stats(values.length, sum, mean, min, max, Math.sqrt(Math.max(0, squares / values.length - mean * mean)),
            values[values.length - 1]);
    }
}
