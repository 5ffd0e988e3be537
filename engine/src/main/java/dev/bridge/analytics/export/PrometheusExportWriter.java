package dev.bridge.analytics.export;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * Prometheus text 0.0.4 and OpenMetrics 1.0, printed by the Prometheus project's own writers
 * ({@code prometheus-metrics-exposition-textformats}) from the model {@link PrometheusSnapshots} builds. Created
 * timestamps are written in both: OpenMetrics as {@code _created} samples of the family, 0.0.4 as separate
 * {@code <name>_created} gauge families (epoch seconds in both, the convention of the Prometheus clients).
 * Families come out sorted by name (the writers sort), series by label values.
 * Stateless, thread-safe.
 */
final class PrometheusExportWriter implements ExportWriter
{
    private final ExpositionFormatWriter writer;

    private PrometheusExportWriter(final ExpositionFormatWriter writer)
    {
        this.writer = writer;
    }

    /** @return the Prometheus text format 0.0.4 writer. */
    @SuppressWarnings("deprecation") // created timestamps in seconds: the option is deprecated, not yet replaced
    static PrometheusExportWriter prometheusText()
    {
        return new PrometheusExportWriter(PrometheusTextFormatWriter.builder()
            .setIncludeCreatedTimestamps(true)
            .setTimestampsInMs(false)
            .build());
    }

    /** @return the OpenMetrics 1.0 writer. */
    static PrometheusExportWriter openMetrics()
    {
        return new PrometheusExportWriter(OpenMetricsTextFormatWriter.builder()
            .setCreatedTimestampsEnabled(true)
            .build());
    }

    @Override
    public Set<SnapshotPart> parts()
    {
        return Set.of();
    }

    @Override
    public void write(final ExportSnapshot snapshot, final OutputStream out) throws IOException
    {
        writer.write(out, PrometheusSnapshots.of(snapshot));
        out.flush();
    }
}
