package dev.bridge.analytics.query;

import java.util.Map;

/**
 * Percentiles of a histogram metric over a range. Immutable, thread-safe.
 *
 * @param count         values the percentiles are computed from.
 * @param values        percentile (a fraction in [0, 1]) -> value, in request order; null values when empty.
 * @param mode          {@code histogram}: merged HdrHistograms, within {@code relativeError}.
 * @param relativeError the bound on |reported - exact| / exact: 10^-significant_digits of the metric.
 */
public record PercentileResult(long count, Map<Double, Long> values, String mode, double relativeError)
{
    /** Mode of an answer computed from merged HdrHistograms. */
    public static final String HISTOGRAM_MODE = "histogram";
}
