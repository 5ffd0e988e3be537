package dev.bridge.analytics.export;

import dev.bridge.analytics.config.StatsdFlavour;

/** The writer of each {@link ExportFormat}. Stateless, thread-safe (the writers are shared). */
public final class ExportWriters
{
    private static final ExportWriter PROMETHEUS = PrometheusExportWriter.prometheusText();
    private static final ExportWriter OPENMETRICS = PrometheusExportWriter.openMetrics();
    private static final ExportWriter PROTOBUF = PrometheusExportWriter.protobuf();
    private static final ExportWriter JSON = new JsonExportWriter();
    private static final ExportWriter CSV = new CsvExportWriter();
    private static final ExportWriter STATSD = new StatsdExportWriter(StatsdFlavour.ETSY);
    private static final ExportWriter DOGSTATSD = new StatsdExportWriter(StatsdFlavour.DOGSTATSD);

    private ExportWriters()
    {
    }

    /**
     * @param accept a scrape's {@code Accept} header values joined with {@code ,} (null or empty when none).
     * @return the Prometheus format client_java's {@code ExpositionFormats} negotiates for it (protobuf, OpenMetrics
     *         1.0 or text 0.0.4); see {@link PrometheusExportWriter#negotiate}.
     */
    public static ExportFormat negotiateScrape(final String accept)
    {
        return PrometheusExportWriter.negotiate(accept);
    }

    /** @return the writer of {@code format}. */
    public static ExportWriter of(final ExportFormat format)
    {
        return switch (format)
        {
            case PROMETHEUS -> PROMETHEUS;
            case OPENMETRICS -> OPENMETRICS;
            case PROTOBUF -> PROTOBUF;
            case JSON -> JSON;
            case CSV -> CSV;
            case STATSD -> STATSD;
            case DOGSTATSD -> DOGSTATSD;
        };
    }
}
