package dev.bridge.analytics.store;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;

/**
 * Writes bucket aggregates into the store. Allocation-free in steady state (a reused heap value is copied in under
 * the segment lock, so readers never see a torn entry). Not thread-safe: one writer thread per instance, and one
 * writer thread per map in all (the read-modify-write of {@link #merge} relies on it).
 */
public final class AggregateWriter
{
    private final RoutedMaps<BucketAggregate> maps;
    /** The writer's process's copy of the totals, kept up to date after each accepted write. */
    private final TotalsCache totalsCache;
    private final SeriesStarts starts;
    private final StoreWriteFailures failures;
    private final LongValue key = MetricStore.newKey();
    private final BucketAggregate value = Values.newHeapInstance(BucketAggregate.class);

    AggregateWriter(
        final RoutedMaps<BucketAggregate> maps, final TotalsCache totalsCache, final SeriesStarts starts,
        final StoreWriteFailures failures)
    {
        this.maps = maps;
        this.totalsCache = totalsCache;
        this.starts = starts;
        this.failures = failures;
    }

    /** Stores {@code value} under {@code key}; a refused write is counted and thrown as a {@link StoreException}. */
    private void put()
    {
        final ChronicleMap<LongValue, BucketAggregate> map = maps.of(key.getValue());
        try
        {
            map.put(key, value);
        }
        catch (final RuntimeException ex)
        {
            throw failures.onAggregateFailure(key.getValue(), map.longSize(), ex);
        }
        final int id = cachedTotals(key.getValue());
        if (id >= 0)
        {
            totalsCache.put(id, value); // after the map accepted it: the cache never holds what the map refused
        }
    }

    /** @return the series id when {@code bucketKey} is a series' totals held by the cache, else -1. */
    private int cachedTotals(final long bucketKey)
    {
        return totalsCache == null ? -1 : totalsCache.recordOf(bucketKey);
    }

    /**
     * Replaces the bucket's aggregate with these totals.
     *
     * @throws StoreException when the store refuses the write (full): counted in the store's write failures.
     */
    public void write(
        final long bucketKey, final long count, final long sum, final long min, final long max,
        final double sumSquares, final long last)
    {
        if (count > 0 && BucketKey.resolutionIndex(bucketKey) == BucketKey.RAW_RESOLUTION)
        {
            starts.record(BucketKey.seriesId(bucketKey), BucketKey.bucketStartSec(bucketKey));
        }
        key.setValue(bucketKey);
        value.setCount(count);
        value.setSum(sum);
        value.setMin(min);
        value.setMax(max);
        value.setSumSquares(sumSquares);
        value.setLast(last);
        put();
    }

    /**
     * Records that {@code seriesId} has data in a bucket starting at {@code bucketStartSec} at any resolution (a
     * store built from snapshots may hold rollup buckets of a series without its raw ones): range reads then start
     * there at the latest. {@link #write} records raw buckets itself. Allocation-free.
     */
    public void recordStart(final int seriesId, final long bucketStartSec)
    {
        starts.record(seriesId, bucketStartSec);
    }

    /** Removes a bucket (absent is fine). Allocation-free. */
    public void remove(final long bucketKey)
    {
        key.setValue(bucketKey);
        maps.of(bucketKey).remove(key);
        final int id = cachedTotals(bucketKey);
        if (id >= 0)
        {
            totalsCache.remove(id);
        }
    }

    /**
     * Adds one value to a bucket that is not live any more (a late or back-filled event): read, add, write.
     * The stored last value is kept unless the bucket was empty (a late gauge does not overwrite a newer value).
     * Count and sum saturate, counted in {@code saturations}.
     */
    public void merge(final long bucketKey, final long v, final SaturationCounter saturations)
    {
        starts.record(BucketKey.seriesId(bucketKey), BucketKey.bucketStartSec(bucketKey));
        key.setValue(bucketKey);
        if (maps.of(bucketKey).getUsing(key, value) != null && value.getCount() > 0)
        {
            value.setCount(saturations.add(value.getCount(), 1L));
            value.setSum(saturations.add(value.getSum(), v));
            value.setMin(Math.min(value.getMin(), v));
            value.setMax(Math.max(value.getMax(), v));
            value.setSumSquares(SaturatingMath.addSquare(value.getSumSquares(), v));
        }
        else
        {
            value.setCount(1);
            value.setSum(v);
            value.setMin(v);
            value.setMax(v);
            value.setSumSquares((double)v * v);
            value.setLast(v);
        }
        put();
    }
}
