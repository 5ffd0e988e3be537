package dev.bridge.analytics.export;

import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Set;

/**
 * The Prometheus expositions, printed by the Prometheus project's own writers (client_java's
 * {@link ExpositionFormats}: {@code prometheus-metrics-exposition-textformats} and, for protobuf,
 * {@code prometheus-metrics-exposition-formats}) from the model {@link PrometheusSnapshots} builds, and the
 * negotiation of a scrape's {@code Accept} header by the same {@link ExpositionFormats#findWriter}:
 * <ul>
 *   <li>text 0.0.4: created timestamps as separate {@code <name>_created} gauge families (epoch seconds);</li>
 *   <li>OpenMetrics 1.0: created timestamps as {@code _created} samples of the family;</li>
 *   <li>protobuf ({@code io.prometheus.client.MetricFamily}, length-delimited): histograms carry native buckets
 *       besides the classic ones (the snapshot is read with {@link SnapshotPart#DISTRIBUTIONS}); created
 *       timestamps on counters (what the 1.10 writer writes).</li>
 * </ul>
 * Families come out sorted by name (the writers sort), series by label values. Stateless, thread-safe.
 */
final class PrometheusExportWriter implements ExportWriter
{
    /** The writers and their negotiation, configured here rather than from client_java's properties files. */
    private static final ExpositionFormats FORMATS = ExpositionFormats.init(ExporterProperties.builder()
        .includeCreatedTimestamps(true)
        .prometheusTimestampsInMs(false)
        .build());

    private final ExpositionFormatWriter writer;
    private final Set<SnapshotPart> parts;

    private PrometheusExportWriter(final ExpositionFormatWriter writer, final Set<SnapshotPart> parts)
    {
        this.writer = writer;
        this.parts = parts;
    }

    /** @return the Prometheus text format 0.0.4 writer. */
    static PrometheusExportWriter prometheusText()
    {
        return new PrometheusExportWriter(FORMATS.getPrometheusTextFormatWriter(), Set.of());
    }

    /** @return the OpenMetrics 1.0 writer. */
    static PrometheusExportWriter openMetrics()
    {
        return new PrometheusExportWriter(FORMATS.getOpenMetricsTextFormatWriter(), Set.of());
    }

    /** @return the protobuf writer (native histograms). */
    static PrometheusExportWriter protobuf()
    {
        return new PrometheusExportWriter(FORMATS.getPrometheusProtobufWriter(), EnumSet.of(SnapshotPart.DISTRIBUTIONS));
    }

    /**
     * @param accept the request's {@code Accept} header values joined with {@code ,}; null or empty when none.
     * @return what client_java's {@link ExpositionFormats#findWriter} chooses: protobuf when the header names
     *         {@code application/vnd.google.protobuf} with {@code proto=io.prometheus.client.MetricFamily}, else
     *         OpenMetrics 1.0 when it names {@code application/openmetrics-text}, else text 0.0.4. Quality values
     *         are not weighed (a format named with {@code q=0} is still chosen), as in every client_java exporter.
     */
    static ExportFormat negotiate(final String accept)
    {
        final ExpositionFormatWriter chosen = FORMATS.findWriter(accept);
        if (chosen == FORMATS.getPrometheusProtobufWriter())
        {
            return ExportFormat.PROTOBUF;
        }
        return chosen == FORMATS.getOpenMetricsTextFormatWriter() ? ExportFormat.OPENMETRICS : ExportFormat.PROMETHEUS;
    }

    @Override
    public Set<SnapshotPart> parts()
    {
        return parts;
    }

    @Override
    public void write(final ExportSnapshot snapshot, final OutputStream out) throws IOException
    {
        writer.write(out, PrometheusSnapshots.of(snapshot));
        out.flush();
    }
}
