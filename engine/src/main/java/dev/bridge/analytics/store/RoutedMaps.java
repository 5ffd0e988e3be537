package dev.bridge.analytics.store;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * A bucket map and the map of running totals beside it ({@code aggregates.dat} and {@code totals.dat}, or
 * {@code histograms.dat} and {@code totals-histograms.dat}): a key at {@link BucketKey#TOTALS_RESOLUTION} lives in
 * the totals map, every other key in the bucket map. A scrape reads one totals entry per series; in a map of their
 * own, sized by series, those look-ups stay in the caches at 10,000 series, where among a million buckets each one
 * missed them (architecture decision 24). A store of format 1, opened for reading, gives the same map twice.
 * Immutable, thread-safe (the maps are).
 *
 * @param buckets the map of every bucket at every resolution.
 * @param totals  the map of the running totals, one entry per series.
 * @param <V>     the value type.
 */
record RoutedMaps<V>(ChronicleMap<LongValue, V> buckets, ChronicleMap<LongValue, V> totals)
{
    /** @return the map that holds {@code bucketKey}. Allocation-free. */
    ChronicleMap<LongValue, V> of(final long bucketKey)
    {
        return BucketKey.isTotals(bucketKey) ? totals : buckets;
    }

    /** @return true when the totals have a map of their own (a store of the current format). */
    boolean separate()
    {
        return buckets != totals;
    }
}
