package dev.bridge.analytics.config;

/**
 * Range and precision of a histogram metric, as HdrHistogram takes them. Immutable, thread-safe.
 *
 * @param lowestDiscernibleValue smallest value told apart from 0, >= 1.
 * @param highestTrackableValue  largest accepted value; larger values are rejected and counted, >= 2 * lowest.
 * @param significantDigits      decimal digits of precision, 0..5.
 */
public record HistogramSpec(long lowestDiscernibleValue, long highestTrackableValue, int significantDigits)
{
    public HistogramSpec
    {
        if (lowestDiscernibleValue < 1)
        {
            throw new IllegalArgumentException("lowest must be >= 1, was " + lowestDiscernibleValue);
        }
        if (highestTrackableValue < 2 * lowestDiscernibleValue)
        {
            throw new IllegalArgumentException(
                "highest must be >= 2 * lowest (" + 2 * lowestDiscernibleValue + "), was " + highestTrackableValue);
        }
        if (significantDigits < 0 || significantDigits > 5)
        {
            throw new IllegalArgumentException("significant_digits must be 0..5, was " + significantDigits);
        }
    }
}
