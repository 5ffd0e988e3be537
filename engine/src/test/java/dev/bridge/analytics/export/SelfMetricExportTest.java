package dev.bridge.analytics.export;

import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.StatsdPushSettings;
import dev.bridge.analytics.pipeline.SelfMetric;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine's own metrics in the Prometheus expositions: running counts as counters ({@code _total}, OpenMetrics
 * counter type), levels as gauges, byte for byte; and the one table that says which is which.
 */
class SelfMetricExportTest
{
    @Test
    void shouldClassifyEverySelfMetricAsACounterOrAGauge()
    {
        final String gauges = Arrays.stream(SelfMetric.values()).filter(m -> !m.isCounter())
            .map(SelfMetric::metricName).collect(Collectors.joining(" "));

        assertEquals("engine_max_batch_size engine_ring_capacity engine_ring_remaining engine_series " +
            "engine_store_buckets engine_store_off_heap_bytes engine_recording_threads engine_producer_rings", gauges);
        for (final SelfMetric m : SelfMetric.values())
        {
            assertEquals(MetricType.GAUGE, m.definition().type(), m + " is sampled as a gauge series inside");
            assertEquals(m, SelfMetric.byMetricName(m.metricName()));
        }
    }

    @Test
    void shouldWriteCountsAsCountersAndLevelsAsGaugesInTextFormat() throws IOException
    {
        assertEquals("""
            # HELP dspex_engine_events_aggregated_total Events validated and added to the aggregates.
            # TYPE dspex_engine_events_aggregated_total counter
            dspex_engine_events_aggregated_total 1500.0
            # HELP dspex_engine_events_dropped_total Events dropped because the recording thread's ring was full (overflow_policy: drop).
            # TYPE dspex_engine_events_dropped_total counter
            dspex_engine_events_dropped_total 0.0
            # HELP dspex_engine_ring_remaining Free slots of the shared ring at the last sampling tick.
            # TYPE dspex_engine_ring_remaining gauge
            dspex_engine_ring_remaining 1020.0
            # HELP dspex_engine_store_off_heap_bytes Off-heap bytes used by the store.
            # TYPE dspex_engine_store_off_heap_bytes gauge
            dspex_engine_store_off_heap_bytes 4.194304E7
            """, write(ExportFormat.PROMETHEUS));
    }

    @Test
    void shouldWriteCountsAsCountersAndLevelsAsGaugesInOpenMetrics() throws IOException
    {
        assertEquals("""
            # TYPE dspex_engine_events_aggregated counter
            # HELP dspex_engine_events_aggregated Events validated and added to the aggregates.
            dspex_engine_events_aggregated_total 1500.0
            # TYPE dspex_engine_events_dropped counter
            # HELP dspex_engine_events_dropped Events dropped because the recording thread's ring was full (overflow_policy: drop).
            dspex_engine_events_dropped_total 0.0
            # TYPE dspex_engine_ring_remaining gauge
            # HELP dspex_engine_ring_remaining Free slots of the shared ring at the last sampling tick.
            dspex_engine_ring_remaining 1020.0
            # TYPE dspex_engine_store_off_heap_bytes gauge
            # UNIT dspex_engine_store_off_heap_bytes bytes
            # HELP dspex_engine_store_off_heap_bytes Off-heap bytes used by the store.
            dspex_engine_store_off_heap_bytes 4.194304E7
            # EOF
            """, write(ExportFormat.OPENMETRICS));
    }

    @Test
    void shouldPassPromtoolAndTheStrictOpenMetricsParser() throws IOException
    {
        assertEquals(new ExternalValidators.Result(0, ""), ExternalValidators.promtoolCheck(write(ExportFormat.PROMETHEUS)));
        assertEquals(new ExternalValidators.Result(0, "4 families 4 samples\n"),
            ExternalValidators.openMetricsParse(write(ExportFormat.OPENMETRICS)));
    }

    @Test
    void shouldNameCountersWithTotalForEveryExport()
    {
        assertEquals("dspex_engine_commits_total",
            PrometheusSnapshots.scalarName(SelfMetric.COMMITS.definition(), "dspex_"));
        assertEquals("engine_series", PrometheusSnapshots.scalarName(SelfMetric.SERIES.definition(), ""));
    }

    static String write(final ExportFormat format) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriters.of(format).write(snapshot(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Four self-metric series as the sampler leaves them: two counts, two levels. */
    private static ExportSnapshot snapshot()
    {
        final ExportSettings settings = new ExportSettings("dspex_", List.of(), Map.of(), StatsdPushSettings.DEFAULT);
        final long t = FixedSnapshot.T;
        final List<SeriesExport> series = List.of(
            sampled(SelfMetric.EVENTS_AGGREGATED, t, 1000, 1500),
            sampled(SelfMetric.EVENTS_DROPPED, t, 0),
            sampled(SelfMetric.RING_REMAINING, t, 1024, 1020),
            sampled(SelfMetric.STORE_OFF_HEAP_BYTES, t, 41_943_040));
        return new ExportSnapshot(t + 90_000, new ExportRange("all", 0, t + 60_000, 3_600_000, false),
            series, null, settings, EnumSet.noneOf(SnapshotPart.class));
    }

    private static SeriesExport sampled(final SelfMetric metric, final long t, final long... values)
    {
        return new SeriesExport(metric.definition(), Map.of(), metric.metricName(), false, FixedSnapshot.stats(values),
            t, List.of(), null, null);
    }
}
