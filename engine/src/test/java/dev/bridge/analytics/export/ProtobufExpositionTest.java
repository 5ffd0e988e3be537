package dev.bridge.analytics.export;

import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.StatsdPushSettings;
import dev.bridge.analytics.pipeline.SelfMetric;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The protobuf exposition, decoded with the generated {@code Metrics} classes that client_java ships: a counter with
 * its created timestamp (the 1.10 writer writes none for histograms), a self-metric counter, and a histogram in microseconds with classic and native buckets
 * (schema 8 for 3 significant digits, seconds) counted from the same merged HdrHistogram.
 */
class ProtobufExpositionTest
{
    private static final long T = FixedSnapshot.T;
    /** Microseconds; 5000 is kept by HdrHistogram (3 digits) as 5000..5003, counted at 5003 natively. */
    private static final long[] LATENCIES = { 20, 50, 75, 100, 1000, 5000 };

    @Test
    void shouldWriteCountersAndHistogramsWithNativeBuckets() throws IOException
    {
        final List<Metrics.MetricFamily> families = decode(write(snapshot()));

        assertEquals(3, families.size());
        assertEquals("""
            name: "dspex_engine_commits_total"
            help: "Commits of live buckets to the store."
            type: COUNTER
            metric {
              counter {
                value: 12.0
              }
            }
            """, families.get(0).toString());
        assertEquals("""
            name: "dspex_read_latency_seconds"
            help: "Latency of a variable read."
            type: HISTOGRAM
            metric {
              histogram {
                sample_count: 6
                sample_sum: 0.006245
                bucket {
                  cumulative_count: 2
                  upper_bound: 5.0E-5
                }
                bucket {
                  cumulative_count: 4
                  upper_bound: 1.0E-4
                }
                bucket {
                  cumulative_count: 4
                  upper_bound: 2.5E-4
                }
                bucket {
                  cumulative_count: 5
                  upper_bound: 0.001
                }
                bucket {
                  cumulative_count: 6
                  upper_bound: Infinity
                }
                schema: 8
                zero_threshold: 0.0
                zero_count: 0
                positive_span {
                  offset: -3996
                  length: 1
                }
                positive_span {
                  offset: 338
                  length: 1
                }
                positive_span {
                  offset: 149
                  length: 1
                }
                positive_span {
                  offset: 105
                  length: 1
                }
                positive_span {
                  offset: 849
                  length: 1
                }
                positive_span {
                  offset: 594
                  length: 1
                }
                positive_delta: 1
                positive_delta: 0
                positive_delta: 0
                positive_delta: 0
                positive_delta: 0
                positive_delta: 0
              }
            }
            """, families.get(1).toString());
        assertEquals("dspex_variable_read_total", families.get(2).getName());
        assertEquals("metric {\n  counter {\n    value: 7.0\n    created_timestamp {\n      seconds: 1700000050\n" +
            "    }\n  }\n}\n", families.get(2).toString().substring(families.get(2).toString().indexOf("metric {")));
    }

    @Test
    void shouldCountTheZeroBucketAndKeepClassicAndNativeTotalsEqual() throws IOException
    {
        final Metrics.Histogram h = decode(write(histogramSnapshot(0, 0, 3))).get(0).getMetric(0).getHistogram();

        assertEquals(3, h.getSampleCount());
        assertEquals(2, h.getZeroCount());
        assertEquals(1, h.getPositiveDeltaCount());
        assertEquals(h.getSampleCount(), h.getBucket(h.getBucketCount() - 1).getCumulativeCount());
    }

    static byte[] write(final ExportSnapshot snapshot) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriters.of(ExportFormat.PROTOBUF).write(snapshot, out);
        return out.toByteArray();
    }

    static List<Metrics.MetricFamily> decode(final byte[] bytes) throws IOException
    {
        final ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        final List<Metrics.MetricFamily> families = new ArrayList<>();
        Metrics.MetricFamily family;
        while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null)
        {
            families.add(family);
        }
        return families;
    }

    private static ExportSnapshot snapshot()
    {
        final ExportSettings settings = settings();
        final MetricDefinition reads = new MetricDefinition("variable_read", MetricType.COUNTER, "operations",
            "Variable reads.", List.of(), null);
        final List<SeriesExport> series = List.of(
            new SeriesExport(reads, Map.of(), "variable_read", false, FixedSnapshot.stats(3, 4), T + 10_000,
                List.of(), null, null),
            latency(settings, LATENCIES),
            new SeriesExport(SelfMetric.COMMITS.definition(), Map.of(), "engine_commits", false,
                FixedSnapshot.stats(5, 12), T, List.of(), null, null));
        return new ExportSnapshot(T + 90_000, new ExportRange("all", 0, T + 60_000, 3_600_000, false),
            series, null, settings, EnumSet.of(SnapshotPart.DISTRIBUTIONS));
    }

    private static ExportSnapshot histogramSnapshot(final long... values)
    {
        final ExportSettings settings = settings();
        return new ExportSnapshot(T + 90_000, new ExportRange("all", 0, T + 60_000, 3_600_000, false),
            List.of(latency(settings, values)), null, settings, EnumSet.of(SnapshotPart.DISTRIBUTIONS));
    }

    private static ExportSettings settings()
    {
        return new ExportSettings("dspex_", List.of(), Map.of("read_latency_us", List.of(50.0, 100.0, 250.0, 1000.0)),
            StatsdPushSettings.DEFAULT);
    }

    private static SeriesExport latency(final ExportSettings settings, final long... values)
    {
        final MetricDefinition latency = new MetricDefinition("read_latency_us", MetricType.HISTOGRAM, "microseconds",
            "Latency of a variable read.", List.of(), new HistogramSpec(1, 60_000_000, 3, 1000));
        final Histogram distribution = new Histogram(1, 60_000_000, 3);
        for (final long v : values)
        {
            distribution.recordValue(v);
        }
        return new SeriesExport(latency, Map.of(), "read_latency_us", false, FixedSnapshot.stats(values), T + 10_000,
            List.of(), SnapshotAssembler.histogram(settings.bucketsFor(latency), FixedSnapshot.stats(values),
                distribution, null, ExportSnapshot.percentilesFor(settings)), distribution);
    }
}
