package dev.bridge.analytics.query;

import java.util.Map;

/**
 * Percentiles of a histogram metric over a range. Immutable, thread-safe.
 *
 * @param count         values the percentiles are computed from.
 * @param values        percentile (a fraction in [0, 1]) -> value, in request order; null values when empty.
 * @param mode          {@code exact}: nearest rank over every raw sample of the range (error 0), or
 *                      {@code histogram}: merged HdrHistograms, within {@code relativeError}.
 * @param relativeError the bound on |reported - exact| / exact: 0 when exact, else 10^-significant_digits.
 */
public record PercentileResult(long count, Map<Double, Long> values, String mode, double relativeError)
{
    /** Mode of an answer computed from merged HdrHistograms. */
    public static final String HISTOGRAM_MODE = "histogram";
    /** Mode of an answer computed from every raw sample (metrics with {@code exact_samples}). */
    public static final String EXACT_MODE = "exact";
}
