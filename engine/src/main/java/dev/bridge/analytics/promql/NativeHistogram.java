package dev.bridge.analytics.promql;

import dev.bridge.analytics.query.NativeBuckets;

import java.util.Arrays;

/**
 * A native histogram sample as PromQL computes with it (Prometheus' {@code FloatHistogram}): a base-2 exponential
 * {@code schema}, a zero bucket of threshold 0, and positive buckets only (the engine's values are never negative),
 * bucket {@code i} holding {@code (2^((i-1)/2^schema), 2^(i/2^schema)]} ({@link NativeBuckets#upperBound}). Counts
 * are per bucket (not cumulative) and may be fractional (after {@code rate}). Empty buckets are left out.
 * <p>
 * Immutable and thread-safe: the arrays are owned by the instance (never changed after construction, and may be
 * shared between instances when equal).
 *
 * @param schema    the schema, -4..8.
 * @param count     the number of observations (zero bucket plus every bucket).
 * @param sum       the sum of observations, base unit.
 * @param zeroCount the zero bucket's count (values {@code <= 0}).
 * @param indexes   the bucket indexes, increasing.
 * @param counts    the count per bucket, one per index.
 */
public record NativeHistogram(int schema, double count, double sum, double zeroCount, int[] indexes, double[] counts)
{
    private static final int[] NO_INDEXES = new int[0];
    private static final double[] NO_COUNTS = new double[0];

    public NativeHistogram
    {
        if (indexes.length != counts.length)
        {
            throw new IllegalArgumentException(indexes.length + " bucket indexes but " + counts.length + " counts");
        }
        if (schema < NativeBuckets.MIN_SCHEMA || schema > NativeBuckets.MAX_SCHEMA)
        {
            throw new IllegalArgumentException("schema must be in " + NativeBuckets.MIN_SCHEMA + ".." +
                NativeBuckets.MAX_SCHEMA + ", was " + schema);
        }
    }

    /** @return an empty histogram at {@code schema}. */
    public static NativeHistogram empty(final int schema)
    {
        return new NativeHistogram(schema, 0, 0, 0, NO_INDEXES, NO_COUNTS);
    }

    /** @return the number of (non-empty) buckets, zero bucket excluded. */
    public int buckets()
    {
        return indexes.length;
    }

    /** @return the lower bound of bucket {@code i} (the i-th, not index i). */
    public double lower(final int i)
    {
        return NativeBuckets.upperBound(indexes[i] - 1, schema);
    }

    /** @return the upper bound of bucket {@code i} (the i-th, not index i). */
    public double upper(final int i)
    {
        return NativeBuckets.upperBound(indexes[i], schema);
    }

    /** @return this histogram at a schema at most this one's, buckets merged ({@code CopyToSchema}). */
    public NativeHistogram toSchema(final int target)
    {
        if (target == schema)
        {
            return this;
        }
        if (target > schema)
        {
            throw new IllegalArgumentException("cannot raise schema " + schema + " to " + target);
        }
        final int delta = schema - target;
        final int[] idx = new int[indexes.length];
        final double[] cnt = new double[indexes.length];
        int n = 0;
        for (int i = 0; i < indexes.length; i++)
        {
            // Prometheus' targetIdx: ((idx - 1) >> delta) + 1 (an arithmetic shift also maps negative indexes)
            final int target2 = ((indexes[i] - 1) >> delta) + 1;
            if (n > 0 && idx[n - 1] == target2)
            {
                cnt[n - 1] += counts[i];
            }
            else
            {
                idx[n] = target2;
                cnt[n] = counts[i];
                n++;
            }
        }
        return new NativeHistogram(target, count, sum, zeroCount, Arrays.copyOf(idx, n), Arrays.copyOf(cnt, n));
    }

    /** @return this plus {@code other}, at the smaller of both schemas ({@code FloatHistogram.Add}). */
    public NativeHistogram plus(final NativeHistogram other)
    {
        return combine(other, 1);
    }

    /** @return this minus {@code other}, at the smaller of both schemas ({@code FloatHistogram.Sub}). */
    public NativeHistogram minus(final NativeHistogram other)
    {
        return combine(other, -1);
    }

    private NativeHistogram combine(final NativeHistogram other, final double sign)
    {
        final int target = Math.min(schema, other.schema);
        final NativeHistogram a = toSchema(target);
        final NativeHistogram b = other.toSchema(target);
        if (a.indexes == b.indexes)
        {
            return sameBuckets(a, b, sign);
        }
        final int[] idx = new int[a.indexes.length + b.indexes.length];
        final double[] cnt = new double[idx.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.indexes.length || j < b.indexes.length)
        {
            if (j == b.indexes.length || i < a.indexes.length && a.indexes[i] < b.indexes[j])
            {
                idx[n] = a.indexes[i];
                cnt[n++] = a.counts[i++];
            }
            else if (i == a.indexes.length || b.indexes[j] < a.indexes[i])
            {
                idx[n] = b.indexes[j];
                cnt[n++] = sign * b.counts[j++];
            }
            else
            {
                idx[n] = a.indexes[i];
                cnt[n++] = a.counts[i++] + sign * b.counts[j++];
            }
        }
        // buckets that became empty are left out, as Compact(0) does
        int kept = 0;
        for (int k = 0; k < n; k++)
        {
            if (cnt[k] != 0)
            {
                idx[kept] = idx[k];
                cnt[kept++] = cnt[k];
            }
        }
        final int[] indexesOut = a.indexes.length == kept && Arrays.equals(a.indexes, 0, kept, idx, 0, kept) ?
            a.indexes : Arrays.copyOf(idx, kept);
        return new NativeHistogram(target, a.count + sign * b.count, a.sum + sign * b.sum,
            a.zeroCount + sign * b.zeroCount, indexesOut, Arrays.copyOf(cnt, kept));
    }

    /** {@link #combine} of two histograms sharing one index array: bucket by bucket, empty buckets left out. */
    private static NativeHistogram sameBuckets(final NativeHistogram a, final NativeHistogram b, final double sign)
    {
        final double[] cnt = new double[a.counts.length];
        int empty = 0;
        for (int i = 0; i < cnt.length; i++)
        {
            cnt[i] = a.counts[i] + sign * b.counts[i];
            if (cnt[i] == 0)
            {
                empty++;
            }
        }
        int[] idx = a.indexes;
        double[] kept = cnt;
        if (empty > 0)
        {
            idx = new int[cnt.length - empty];
            kept = new double[idx.length];
            for (int i = 0, k = 0; i < cnt.length; i++)
            {
                if (cnt[i] != 0)
                {
                    idx[k] = a.indexes[i];
                    kept[k++] = cnt[i];
                }
            }
        }
        return new NativeHistogram(a.schema, a.count + sign * b.count, a.sum + sign * b.sum,
            a.zeroCount + sign * b.zeroCount, idx, kept);
    }

    /** @return every count and the sum multiplied by {@code factor} ({@code FloatHistogram.Scale}). */
    public NativeHistogram times(final double factor)
    {
        final double[] cnt = new double[counts.length];
        for (int i = 0; i < cnt.length; i++)
        {
            cnt[i] = counts[i] * factor;
        }
        return new NativeHistogram(schema, count * factor, sum * factor, zeroCount * factor, indexes, cnt);
    }

    /**
     * @return true when this histogram cannot follow {@code previous} without a counter reset
     *         ({@code FloatHistogram.DetectReset}): a smaller count or zero count, a finer schema, or a bucket whose
     *         count decreased (compared at the coarser schema).
     */
    public boolean resetAfter(final NativeHistogram previous)
    {
        if (previous == this)
        {
            return false;
        }
        if (count < previous.count || zeroCount < previous.zeroCount || schema > previous.schema)
        {
            return true;
        }
        if (indexes == previous.indexes && schema == previous.schema)
        {
            // the same buckets (a running histogram shares its index array while no bucket appears): compare counts
            for (int i = 0; i < counts.length; i++)
            {
                if (counts[i] < previous.counts[i])
                {
                    return true;
                }
            }
            return false;
        }
        final NativeHistogram prev = previous.toSchema(schema);
        int j = 0;
        for (int i = 0; i < prev.indexes.length; i++)
        {
            while (j < indexes.length && indexes[j] < prev.indexes[i])
            {
                j++;
            }
            final double now = j < indexes.length && indexes[j] == prev.indexes[i] ? counts[j] : 0;
            if (now < prev.counts[i])
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the {@code q} quantile as Prometheus 2.42's {@code histogramQuantile} computes it: the buckets in
     *         ascending order (the zero bucket {@code [-0, 0]} first), the first bucket whose cumulative count reaches
     *         {@code q * count}, linear interpolation inside it; NaN for an empty histogram or NaN q, -Inf for q < 0,
     *         +Inf for q > 1; the highest bucket's upper bound when the rank is never reached.
     */
    public double quantile(final double q)
    {
        if (q < 0)
        {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1)
        {
            return Double.POSITIVE_INFINITY;
        }
        if (count == 0 || Double.isNaN(q))
        {
            return Double.NaN;
        }
        final double rank = q * count;
        double cumulative = 0;
        double lower = 0;
        double upper = 0;
        double bucketCount = 0;
        boolean found = false;
        if (zeroCount > 0)
        {
            cumulative = zeroCount;
            lower = -0.0;
            upper = 0.0;
            bucketCount = zeroCount;
            found = cumulative >= rank;
        }
        for (int i = 0; i < indexes.length && !found; i++)
        {
            cumulative += counts[i];
            lower = lower(i);
            upper = upper(i);
            bucketCount = counts[i];
            found = cumulative >= rank;
        }
        if (cumulative > count)
        {
            cumulative = count;
        }
        if (cumulative < rank)
        {
            return upper;
        }
        final double inBucket = rank - (cumulative - bucketCount);
        return lower + (upper - lower) * (inBucket / bucketCount);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof NativeHistogram h && schema == h.schema && Double.compare(count, h.count) == 0 &&
            Double.compare(sum, h.sum) == 0 && Double.compare(zeroCount, h.zeroCount) == 0 &&
            Arrays.equals(indexes, h.indexes) && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode()
    {
        return 31 * (31 * schema + Double.hashCode(count)) + Arrays.hashCode(indexes);
    }

    @Override
    public String toString()
    {
        return "NativeHistogram[schema=" + schema + ", count=" + count + ", sum=" + sum + ", zero=" + zeroCount +
            ", buckets=" + Arrays.toString(indexes) + "=" + Arrays.toString(counts) + "]";
    }
}
