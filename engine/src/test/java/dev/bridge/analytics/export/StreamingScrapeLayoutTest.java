package dev.bridge.analytics.export;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A histogram whose stored totals were encoded under another layout (the catalog's precision changed between runs)
 * is not counted from its encoding in one pass but merged, as before: the streaming scrape still prints client_java's
 * bytes, before and after more values are recorded under the new layout.
 */
class StreamingScrapeLayoutTest
{
    private static final long T0 = 1_700_000_040_000L;
    private static final List<Double> BOUNDS = List.of(10.0, 99.5, 100.0, 1_000.0, 25_000.0);

    @TempDir
    Path dir;

    @Test
    void shouldWriteClientJavasBytesForTotalsEncodedUnderAnotherLayout() throws IOException
    {
        final ManualClock clock = new ManualClock(T0);
        try (AnalyticsEngine engine = AnalyticsEngine.start(config(2), clock))
        {
            record(engine, clock, 0);
            StreamingScrapeTest.assertSameBytes(engine, ExportFormat.PROMETHEUS);
        }
        try (AnalyticsEngine engine = AnalyticsEngine.start(config(3), clock))
        {
            final String text = StreamingScrapeTest.assertSameBytes(engine, ExportFormat.PROMETHEUS);
            StreamingScrapeTest.assertSameBytes(engine, ExportFormat.OPENMETRICS);
            assertTrue(text.contains("latency_seconds_bucket{le=\"1.0E-4\"} 100"), text);

            record(engine, clock, 1);
            StreamingScrapeTest.assertSameBytes(engine, ExportFormat.PROMETHEUS);
            StreamingScrapeTest.assertSameBytes(engine, ExportFormat.OPENMETRICS);
        }
    }

    /** Records 1..1000 us once (and 50,000 us, above the last bound), at round {@code round}'s minute. */
    private static void record(final AnalyticsEngine engine, final ManualClock clock, final int round)
    {
        clock.set(T0 + round * 60_000L);
        final var histogram = engine.histogram("latency_us");
        for (int value = 1; value <= 1_000; value++)
        {
            histogram.record(value);
        }
        histogram.record(50_000);
        engine.flush();
    }

    private EngineConfig config(final int significantDigits)
    {
        final EngineConfig base = EngineConfig.defaults().withEngine(
            b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000));
        final List<MetricDefinition> metrics = List.of(new MetricDefinition("latency_us", MetricType.HISTOGRAM,
            "microseconds", "Latency.", List.of(), new HistogramSpec(1, 60_000_000, significantDigits)));
        final ExportSettings export = new ExportSettings("", List.of(), Map.of("latency_us", BOUNDS),
            base.export().statsd());
        return new EngineConfig("layout change", base.engine(), metrics, export, base.http());
    }
}
