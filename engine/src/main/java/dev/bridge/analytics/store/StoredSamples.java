package dev.bridge.analytics.store;

/**
 * The exact samples of one raw bucket as the store holds them ({@link SampleWriter}): the number of values the bucket
 * saw and the values kept. A bucket that saw more values than its window keeps none, so it is complete exactly when
 * {@code total == values.length}. Immutable once built (the array is not copied: do not change it); thread-safe.
 *
 * @param total  values the bucket saw.
 * @param values the values kept: all {@code total} of them, or none.
 */
public record StoredSamples(long total, long[] values)
{
    /** @return true when every value of the bucket was kept (it can answer exact percentiles). */
    public boolean complete()
    {
        return total == values.length;
    }
}
