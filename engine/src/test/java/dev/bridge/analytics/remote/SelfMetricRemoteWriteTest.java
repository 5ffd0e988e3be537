package dev.bridge.analytics.remote;

import dev.bridge.analytics.config.RemoteWriteSettings;
import dev.bridge.analytics.export.SeriesExport;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.remote.prompb.Remote.WriteRequest;
import dev.bridge.analytics.remote.prompb.Types.MetricMetadata;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Remote write names and types the engine's own metrics as the scrape does: counts as counters, levels as gauges. */
class SelfMetricRemoteWriteTest
{
    @Test
    void shouldSendCountsAsCountersAndLevelsAsGauges()
    {
        final WriteRequestBuilder builder =
            new WriteRequestBuilder(RemoteWriteSettings.DEFAULT.enabledAt(URI.create("http://127.0.0.1:9/")), "dspex_");
        builder.add(series(SelfMetric.COMMITS), totals(12), 1_000);
        builder.add(series(SelfMetric.RING_REMAINING), totals(1020), 1_000);

        final WriteRequest request = builder.build();

        assertEquals(List.of("dspex_engine_commits_total 12.0", "dspex_engine_ring_remaining 1020.0"),
            request.getTimeseriesList().stream()
                .map(ts -> ts.getLabels(0).getValue() + " " + ts.getSamples(0).getValue()).toList());
        assertEquals(List.of("dspex_engine_commits COUNTER", "dspex_engine_ring_remaining GAUGE"),
            request.getMetadataList().stream().map(m -> m.getMetricFamilyName() + " " + m.getType()).toList());
        assertEquals(MetricMetadata.MetricType.COUNTER, request.getMetadata(0).getType());
    }

    private static SeriesExport series(final SelfMetric metric)
    {
        return new SeriesExport(metric.definition(), Map.of(), metric.metricName(), false,
            Stats.EMPTY, null, List.of(), null, null);
    }

    private static SeriesTotals totals(final long last)
    {
        final SeriesTotals totals = SeriesTotals.empty(8);
        totals.last = last;
        return totals;
    }
}
