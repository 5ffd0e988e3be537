package dev.bridge.analytics.promql;

import dev.bridge.analytics.config.PrometheusNames;
import dev.bridge.analytics.config.BaseUnits;
import dev.bridge.analytics.query.StoredNativeBuckets;
import dev.bridge.analytics.store.SaturatingMath;

import java.util.Arrays;

/**
 * The native-histogram samples of a {@link PromSeries.Part#NATIVE} series, on the same sample steps as the classic
 * parts ({@link StorePromqlSource}): one sample per step end from the step with the series' first values (or the
 * first step, when it had values before) to {@code lastEndMs}, each the running native histogram (count, sum in the
 * base unit, zero bucket, buckets) since the series was created ({@link StoredNativeBuckets#before} plus the buckets
 * that ended by then). A step end without new values repeats the previous sample's (immutable) histogram, and the
 * bucket index array is shared while no new bucket appears. Stateless, thread-safe.
 */
final class NativeSamples
{
    private NativeSamples()
    {
    }

    /** @return the samples of {@code p} at every step end in [firstEndMs, lastEndMs]. */
    static SeriesSamples of(final PromSeries p, final StoredNativeBuckets b, final long firstEndMs,
        final long lastEndMs, final long stepMs)
    {
        final long widthMs = b.widthMs();
        final double factor = PrometheusNames.toBaseUnitFactor(p.info().metric());
        final int capacity = (int)Math.max(0, (lastEndMs - firstEndMs) / stepMs + 1);
        final long[] times = new long[capacity];
        final NativeHistogram[] histograms = new NativeHistogram[capacity];
        final Running running = new Running();
        long sum = 0;
        boolean changed = false;
        final StoredNativeBuckets.Before before = b.before();
        if (before != null)
        {
            sum = before.sum();
            running.add(before.zeroCount(), before.indexes(), before.counts());
            changed = true;
        }
        NativeHistogram current = null;
        int next = 0;
        int n = 0;
        for (long end = firstEndMs; end <= lastEndMs; end += stepMs)
        {
            while (next < b.size() && b.startMs()[next] + widthMs <= end)
            {
                sum = SaturatingMath.add(sum, b.sum()[next]);
                running.add(b.zeroCount()[next], b.indexes()[next], b.counts()[next]);
                changed = true;
                next++;
            }
            if (changed)
            {
                current = new NativeHistogram(b.schema(), running.count, BaseUnits.scale(sum, factor), running.zero,
                    running.indexes, running.counts.clone());
                changed = false;
            }
            if (current != null)
            {
                times[n] = end;
                histograms[n] = current;
                n++;
            }
        }
        return new SeriesSamples(p.labels(), Arrays.copyOf(times, n), new double[n],
            Arrays.copyOf(histograms, n));
    }

    /**
     * The running native histogram: the bucket indexes seen so far (replaced, never changed, when a new one appears:
     * the samples share it until then) and the working counts aligned with them.
     */
    private static final class Running
    {
        private int[] indexes = new int[0];
        private double[] counts = new double[0];
        private double zero;
        private double count;
        private int firstIndex;
        private int[] positions = new int[0];

        void add(final long zeroCount, final int[] addIndexes, final long[] addCounts)
        {
            zero += zeroCount;
            count += zeroCount;
            int missing = 0;
            for (final int index : addIndexes)
            {
                if (position(index) < 0)
                {
                    missing++;
                }
            }
            if (missing > 0)
            {
                grow(addIndexes, missing);
            }
            for (int i = 0; i < addIndexes.length; i++)
            {
                counts[position(addIndexes[i])] += addCounts[i];
                count += addCounts[i];
            }
        }

        /** @return where bucket {@code index} is in {@link #indexes}, -1 when absent. */
        private int position(final int index)
        {
            final long at = (long)index - firstIndex;
            return at < 0 || at >= positions.length ? -1 : positions[(int)at];
        }

        /** Merges the indexes of {@code addIndexes} missing from {@link #indexes}, keeping the counts aligned. */
        private void grow(final int[] addIndexes, final int missing)
        {
            final int[] merged = new int[indexes.length + missing];
            final double[] mergedCounts = new double[merged.length];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < indexes.length || j < addIndexes.length)
            {
                if (j == addIndexes.length || i < indexes.length && indexes[i] <= addIndexes[j])
                {
                    if (j < addIndexes.length && indexes[i] == addIndexes[j])
                    {
                        j++;
                    }
                    merged[k] = indexes[i];
                    mergedCounts[k++] = counts[i++];
                }
                else
                {
                    merged[k++] = addIndexes[j++];
                }
            }
            indexes = merged;
            counts = mergedCounts;
            // a dense index -> position map over the buckets' span (at most a few thousand at schema 8)
            firstIndex = merged[0];
            positions = new int[merged[merged.length - 1] - firstIndex + 1];
            Arrays.fill(positions, -1);
            for (int p = 0; p < merged.length; p++)
            {
                positions[merged[p] - firstIndex] = p;
            }
        }
    }
}
