package dev.bridge.analytics.export;

import dev.bridge.analytics.config.StatsdFlavour;

/** The writer of each {@link ExportFormat}. Stateless, thread-safe (the writers are shared). */
public final class ExportWriters
{
    private static final ExportWriter PROMETHEUS = PrometheusExportWriter.prometheusText();
    private static final ExportWriter OPENMETRICS = PrometheusExportWriter.openMetrics();
    private static final ExportWriter JSON = new JsonExportWriter();
    private static final ExportWriter CSV = new CsvExportWriter();
    private static final ExportWriter STATSD = new StatsdExportWriter(StatsdFlavour.ETSY);
    private static final ExportWriter DOGSTATSD = new StatsdExportWriter(StatsdFlavour.DOGSTATSD);

    private ExportWriters()
    {
    }

    /** @return the writer of {@code format}. */
    public static ExportWriter of(final ExportFormat format)
    {
        return switch (format)
        {
            case PROMETHEUS -> PROMETHEUS;
            case OPENMETRICS -> OPENMETRICS;
            case JSON -> JSON;
            case CSV -> CSV;
            case STATSD -> STATSD;
            case DOGSTATSD -> DOGSTATSD;
        };
    }
}
