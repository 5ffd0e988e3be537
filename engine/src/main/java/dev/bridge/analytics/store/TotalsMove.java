package dev.bridge.analytics.store;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;

import java.nio.ByteBuffer;

/**
 * Moves the running totals ({@link BucketKey#TOTALS_RESOLUTION}) of a store of format 1 out of the bucket maps into
 * the totals maps, at its first writing open. Safe to cut at any point (kill -9, full disk): {@link #copy} runs while
 * the manifest still says format 1, so a cut copy is thrown away and done again from the bucket maps, which still
 * hold every total; the manifest of format 2 is written after it, and {@link #removeFromBucketMaps} after that, so a
 * cut removal is finished by the next writing open (which finds totals left in the bucket maps) and never read, as a
 * store of format 2 reads its totals from the totals maps only. Runs on the opening thread before any writer exists.
 * Not thread-safe.
 */
final class TotalsMove
{
    private final ChronicleMap<LongValue, BucketAggregate> aggregates;
    private final ChronicleMap<LongValue, ByteBuffer> histograms;
    private final ChronicleMap<LongValue, BucketAggregate> totals;
    private final ChronicleMap<LongValue, ByteBuffer> totalHistograms;

    TotalsMove(
        final ChronicleMap<LongValue, BucketAggregate> aggregates, final ChronicleMap<LongValue, ByteBuffer> histograms,
        final ChronicleMap<LongValue, BucketAggregate> totals, final ChronicleMap<LongValue, ByteBuffer> totalHistograms)
    {
        this.aggregates = aggregates;
        this.histograms = histograms;
        this.totals = totals;
        this.totalHistograms = totalHistograms;
    }

    /** Copies every running total of the bucket maps into the totals maps (one scan of each bucket map). */
    void copy()
    {
        aggregates.forEachEntry(entry ->
        {
            if (BucketKey.isTotals(entry.key().get().getValue()))
            {
                totals.put(entry.key().get(), entry.value().get());
            }
        });
        histograms.forEachEntry(entry ->
        {
            if (BucketKey.isTotals(entry.key().get().getValue()))
            {
                totalHistograms.put(entry.key().get(), entry.value().get());
            }
        });
    }

    /**
     * Removes every running total from the bucket maps: histograms first, so that a bucket map of aggregates without
     * totals means that none are left in either (what the next open checks).
     */
    void removeFromBucketMaps()
    {
        histograms.forEachEntry(entry ->
        {
            if (BucketKey.isTotals(entry.key().get().getValue()))
            {
                entry.doRemove();
            }
        });
        aggregates.forEachEntry(entry ->
        {
            if (BucketKey.isTotals(entry.key().get().getValue()))
            {
                entry.doRemove();
            }
        });
    }
}
