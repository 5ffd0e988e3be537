package dev.bridge.analytics.promql;

import java.util.Arrays;

/**
 * The samples of one series, oldest first: a selector's input from a {@link SampleSource}, and one series of a
 * range vector or of a range query's matrix. The arrays are owned by this record: do not change them. Immutable
 * once built, thread-safe.
 *
 * @param labels       the series' labels.
 * @param timestampsMs sample times, epoch ms, increasing.
 * @param values       sample values, one per timestamp.
 */
public record SeriesSamples(Labels labels, long[] timestampsMs, double[] values)
{
    public SeriesSamples
    {
        if (timestampsMs.length != values.length)
        {
            throw new IllegalArgumentException(timestampsMs.length + " timestamps but " + values.length + " values");
        }
    }

    /** @return the number of samples. */
    public int size()
    {
        return timestampsMs.length;
    }

    /** @return the index of the first sample at or after {@code timeMs} ({@link #size()} when none). */
    int firstAtOrAfter(final long timeMs)
    {
        final int i = Arrays.binarySearch(timestampsMs, timeMs);
        return i >= 0 ? i : -i - 1;
    }

    /** @return the index of the last sample at or before {@code timeMs} (-1 when none). */
    int lastAtOrBefore(final long timeMs)
    {
        final int i = Arrays.binarySearch(timestampsMs, timeMs);
        return i >= 0 ? i : -i - 2;
    }

    /** @return the samples with timestamps in [fromMs, toMs] (this record when all are). */
    SeriesSamples slice(final long fromMs, final long toMs)
    {
        final int from = firstAtOrAfter(fromMs);
        final int to = lastAtOrBefore(toMs) + 1;
        if (from == 0 && to == size())
        {
            return this;
        }
        if (to <= from)
        {
            return new SeriesSamples(labels, new long[0], new double[0]);
        }
        return new SeriesSamples(labels, Arrays.copyOfRange(timestampsMs, from, to), Arrays.copyOfRange(values, from, to));
    }
}
