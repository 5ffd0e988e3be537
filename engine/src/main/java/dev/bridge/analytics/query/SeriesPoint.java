package dev.bridge.analytics.query;

/**
 * One point of a time series: the interval starting at {@code timestampMs}, its value (null for an interval with
 * no data, never NaN) and the number of values it reduces. Immutable, thread-safe.
 */
public record SeriesPoint(long timestampMs, Double value, long count)
{
}
