package dev.bridge.analytics.config;

/**
 * Range and precision of a histogram metric, as HdrHistogram takes them. Immutable, thread-safe.
 *
 * @param lowestDiscernibleValue smallest value told apart from 0, >= 1.
 * @param highestTrackableValue  largest accepted value; larger values are rejected and counted, >= 2 * lowest.
 * @param significantDigits      decimal digits of precision, 0..5.
 * @param exactSamples           raw samples kept per raw bucket for exact percentiles (0: off, at most
 *                               {@value #MAX_EXACT_SAMPLES}); ranges whose buckets all fit are answered exactly.
 */
public record HistogramSpec(long lowestDiscernibleValue, long highestTrackableValue, int significantDigits, int exactSamples)
{
    /** Largest raw-sample window per bucket. */
    public static final int MAX_EXACT_SAMPLES = 100_000;

    /** A spec without exact samples. */
    public HistogramSpec(final long lowestDiscernibleValue, final long highestTrackableValue, final int significantDigits)
    {
        this(lowestDiscernibleValue, highestTrackableValue, significantDigits, 0);
    }

    public HistogramSpec
    {
        if (exactSamples < 0 || exactSamples > MAX_EXACT_SAMPLES)
        {
            throw new IllegalArgumentException("exact_samples must be 0..." + MAX_EXACT_SAMPLES + ", was " + exactSamples);
        }
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
