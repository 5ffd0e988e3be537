package dev.bridge.analytics.export;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.SeededTries;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.store.DirectoryTrees;
import dev.bridge.analytics.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streaming {@code /metrics} ({@link StreamingScrapes}, what {@code AnalyticsQueries.scrape} writes in text
 * 0.0.4 and OpenMetrics) prints byte for byte what client_java's writers print from the totals snapshot
 * ({@link PrometheusExportWriter} over {@code totals}), over seeded random catalogs and stores: counters, gauges
 * (megabytes, {@code _count} names, negative and large values), engine self-metrics, histograms with and without
 * configured buckets and with values above {@code highest}, summaries, labels needing escaping, overflow series,
 * series without data, prefixes (one with a colon, which client_java writes); scraped again after more data and
 * after new series.
 */
public class StreamingScrapeTest
{
    private static final long T0 = 1_700_000_040_000L;
    private static final String[] LABEL_VALUES = {
        "a", "b", "", "C:\\tmp \"quoted\"\nnext, é", "ü-ñ", "z z", "\\", "\"" };

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheSameBytesAsClientJavaOverSeededRandomStores()
    {
        final int[] withSelfMetrics = { 0 };
        SeededTries.check(0x5C2A9E_18L, 12, Workload::of, workload ->
        {
            try
            {
                final Path store = Files.createTempDirectory(dir, "store-");
                final ManualClock clock = new ManualClock(T0);
                try (AnalyticsEngine engine = AnalyticsEngine.start(workload.config(store), clock))
                {
                    for (int round = 0; round < 3; round++)
                    {
                        workload.record(engine, clock, round);
                        final String text = assertSameBytes(engine, ExportFormat.PROMETHEUS);
                        assertSameBytes(engine, ExportFormat.OPENMETRICS);
                        withSelfMetrics[0] += text.contains("engine_events_aggregated") ? 1 : 0;
                    }
                }
                DirectoryTrees.delete(store);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
        assertTrue(withSelfMetrics[0] > 0, "some tries export the engine's own metrics");
    }

    @Test
    void shouldWriteTheSameBytesAsClientJavaForTheBundledCatalogWithSummaries() throws IOException
    {
        final ManualClock clock = new ManualClock(ExportWorkload.S);
        final ExportSettings defaults = EngineConfig.defaults().export();
        final ExportSettings export = new ExportSettings(defaults.prefix(), List.of(0.5, 0.99),
            defaults.histogramBuckets(), defaults.statsd());
        try (AnalyticsEngine engine = AnalyticsEngine.start(ExportWorkload.config(dir, export), clock))
        {
            ExportWorkload.run(engine, clock);
            final String text = assertSameBytes(engine, ExportFormat.PROMETHEUS);
            assertSameBytes(engine, ExportFormat.OPENMETRICS);
            assertTrue(text.contains("dspex_read_latency_quantiles_seconds{quantile=\"0.99\"}"), text);
            assertTrue(text.contains("dspex_http_error_total{path=\"C:\\\\tmp \\\"quoted\\\"\\nnext, é\"} 3.0"), text);
        }
    }

    /** @return the streamed text, after checking it equals client_java's over the totals snapshot. */
    public static String assertSameBytes(final AnalyticsEngine engine, final ExportFormat format) throws IOException
    {
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        final PrometheusExportWriter writer = format == ExportFormat.OPENMETRICS ?
            PrometheusExportWriter.openMetrics() : PrometheusExportWriter.prometheusText();
        writer.write(engine.queries().totals(Set.of()), expected);
        final ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        engine.queries().scrape(format, streamed);
        final String text = streamed.toString(StandardCharsets.UTF_8);
        assertEquals(expected.toString(StandardCharsets.UTF_8), text, format.name());
        assertEquals(expected.size(), streamed.size(), format + " bytes");
        return text;
    }

    /** A random catalog and what is recorded into it, drawn from one seed. */
    private record Workload(
        String prefix, List<MetricDefinition> metrics, Map<String, List<Double>> buckets, List<Double> quantiles,
        boolean selfMetrics, int cardinality, long seed)
    {
        static Workload of(final SplittableRandom random)
        {
            final String prefix = List.of("dspex_", "", "app_", "app:").get(random.nextInt(4)); // ":" is left to client_java
            final List<MetricDefinition> metrics = new ArrayList<>();
            final Map<String, List<Double>> buckets = new HashMap<>();
            final int n = 2 + random.nextInt(6);
            for (int i = 0; i < n; i++)
            {
                final List<String> labels = List.of("code", "path").subList(0, random.nextInt(3));
                final String help = random.nextBoolean() ? "Metric " + i + "." : "Metric " + i + " with \\ \"a\" and\nmore.";
                switch (random.nextInt(7))
                {
                    case 0 -> metrics.add(new MetricDefinition("c" + i, MetricType.COUNTER, "operations", help, labels, null));
                    case 1 -> metrics.add(new MetricDefinition("g" + i, MetricType.GAUGE, "items", help, labels, null));
                    case 2 -> metrics.add(new MetricDefinition("g" + i + "_mb", MetricType.GAUGE, "megabytes", help, labels, null));
                    case 3 -> metrics.add(new MetricDefinition("g" + i + "_count", MetricType.GAUGE, "threads", help, labels, null));
                    default ->
                    {
                        final String[][] units = { { "_us", "microseconds" }, { "_ms", "milliseconds" }, { "", "bytes" } };
                        final String[] unit = units[random.nextInt(units.length)];
                        final String name = "h" + i + unit[0];
                        metrics.add(new MetricDefinition(name, MetricType.HISTOGRAM, unit[1], help, labels,
                            new HistogramSpec(1, 100_000 + random.nextInt(1_000_000), 2 + random.nextInt(2))));
                        if (random.nextBoolean())
                        {
                            final List<Double> bounds = new ArrayList<>();
                            double bound = 1 + random.nextInt(50);
                            for (int b = random.nextInt(6); b >= 0; b--)
                            {
                                bounds.add(bound);
                                bound *= 2 + random.nextInt(8);
                            }
                            buckets.put(name, bounds);
                        }
                    }
                }
            }
            final List<Double> quantiles = random.nextInt(3) == 0 ? List.of(0.5, 0.9, 0.999) : List.of();
            return new Workload(prefix, metrics, buckets, quantiles, random.nextBoolean(), 2 + random.nextInt(4),
                random.nextLong());
        }

        EngineConfig config(final Path store)
        {
            final EngineConfig base = EngineConfig.defaults().withEngine(b -> b.dataDirectory(store)
                .storeEntries(100_000).labelCardinalityLimit(cardinality)
                .resourceSamplingInterval(selfMetrics ? Duration.ofSeconds(1) : Duration.ZERO));
            final ExportSettings export = new ExportSettings(prefix, quantiles, buckets, base.export().statsd());
            return new EngineConfig("random catalog", base.engine(), metrics, export, base.http());
        }

        /** Records round {@code round}: new label sets (past the cardinality limit: overflow), some left empty. */
        void record(final AnalyticsEngine engine, final ManualClock clock, final int round)
        {
            final SplittableRandom random = new SplittableRandom(seed + round);
            for (int step = 0; step < 5; step++)
            {
                clock.set(T0 + round * 60_000L + step * 7_000L);
                for (final MetricDefinition metric : metrics)
                {
                    final String[] labels = new String[metric.labels().size() * 2];
                    for (int l = 0; l < metric.labels().size(); l++)
                    {
                        labels[2 * l] = metric.labels().get(l);
                        labels[2 * l + 1] = LABEL_VALUES[random.nextInt(LABEL_VALUES.length)];
                    }
                    final boolean empty = random.nextInt(5) == 0; // a series without data
                    switch (metric.type())
                    {
                        case COUNTER ->
                        {
                            final var counter = engine.counter(metric.name(), labels);
                            if (!empty)
                            {
                                counter.add(random.nextInt(3) == 0 ? 0 : random.nextLong(1, 20_000_000L));
                            }
                        }
                        case GAUGE ->
                        {
                            final var gauge = engine.gauge(metric.name(), labels);
                            if (!empty)
                            {
                                gauge.set(random.nextLong(-50_000_000L, 50_000_000L) >> random.nextInt(40));
                            }
                        }
                        default ->
                        {
                            final var histogram = engine.histogram(metric.name(), labels);
                            for (int v = empty ? 0 : random.nextInt(1, 40); v > 0; v--)
                            {
                                // now and then above highest
                                histogram.record(random.nextInt(10) == 0 ? metric.histogram().highestTrackableValue() +
                                    random.nextInt(1, 1_000_000) : random.nextLong(0, 200_000));
                            }
                        }
                    }
                }
                engine.flush();
            }
        }
    }
}
