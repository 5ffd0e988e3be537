package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.config.MetricType;

/** The metric types of a StatsD line ({@code |c}, {@code |g}, ...), and the catalog type each records into. */
public enum StatsdType
{
    /** {@code c}: adds value / sample rate to a counter. */
    COUNTER("c", MetricType.COUNTER),
    /** {@code g}: sets a gauge; a value with an explicit sign ({@code +3}, {@code -2}) changes it by that much. */
    GAUGE("g", MetricType.GAUGE),
    /** {@code ms}: a timing in milliseconds, recorded into a histogram in the metric's time unit. */
    TIMER("ms", MetricType.HISTOGRAM),
    /** {@code h}: a histogram value in the metric's unit. */
    HISTOGRAM("h", MetricType.HISTOGRAM),
    /** {@code s}: a set member; the gauge gets the number of distinct members seen in the current raw bucket. */
    SET("s", MetricType.GAUGE),
    /** {@code d}: DogStatsD distribution, recorded like {@code h}. */
    DISTRIBUTION("d", MetricType.HISTOGRAM);

    private static final StatsdType[] VALUES = values();

    private final String symbol;
    private final MetricType metricType;

    StatsdType(final String symbol, final MetricType metricType)
    {
        this.symbol = symbol;
        this.metricType = metricType;
    }

    /** @return the type's text on the wire. */
    public String symbol()
    {
        return symbol;
    }

    /** @return the catalog type a line of this type records into. */
    public MetricType metricType()
    {
        return metricType;
    }

    /** @return the type of that ordinal (no array copy). */
    public static StatsdType ofOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
