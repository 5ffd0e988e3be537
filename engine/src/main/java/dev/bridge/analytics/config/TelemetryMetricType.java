package dev.bridge.analytics.config;

/** What a telemetry event does to a metric, as Elixir's Telemetry.Metrics names it. */
public enum TelemetryMetricType
{
    /** Adds 1 per event to a counter (the measurement is not used). */
    COUNTER(MetricType.COUNTER),
    /** Adds the measurement (converted, rounded) to a counter. */
    SUM(MetricType.COUNTER),
    /** Sets a gauge to the measurement (converted, rounded). */
    LAST_VALUE(MetricType.GAUGE),
    /** Records the measurement (converted, rounded) into a histogram. */
    DISTRIBUTION(MetricType.HISTOGRAM);

    private final MetricType metricType;

    TelemetryMetricType(final MetricType metricType)
    {
        this.metricType = metricType;
    }

    /** @return the catalog type this needs. */
    public MetricType metricType()
    {
        return metricType;
    }

    /** @return true when the measurement is used (all but {@link #COUNTER}). */
    public boolean usesMeasurement()
    {
        return this != COUNTER;
    }
}
