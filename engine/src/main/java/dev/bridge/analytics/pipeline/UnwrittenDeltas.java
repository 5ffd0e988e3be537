package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.store.HistogramWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Histogram counts the store refused to add to a bucket (a full map), kept on the heap and offered again at each
 * commit, so a store that frees space (expiry) loses nothing. One entry per bucket key: counts refused again for the
 * same bucket join its entry. At most {@code maxBuckets} buckets are kept; counts for more are dropped: the store
 * already records that it lost writes ({@code write-failures.log}), and queries refuse percentiles over histograms
 * it may lack. Allocates only on refusals. Not thread-safe: the histogram consumer thread.
 */
final class UnwrittenDeltas
{
    private final int maxBuckets;
    private final List<Entry> entries = new ArrayList<>();

    private static final class Entry
    {
        final long bucketKey;
        final PagedHistogram counts;

        Entry(final long bucketKey, final PagedHistogram counts)
        {
            this.bucketKey = bucketKey;
            this.counts = counts;
        }
    }

    UnwrittenDeltas(final int maxBuckets)
    {
        this.maxBuckets = maxBuckets;
    }

    /**
     * Keeps {@code refused} (counts the store refused for {@code bucketKey}; unchanged) for the next {@link #retry}.
     *
     * @return false when {@link #maxBuckets} other buckets are kept already: the counts are dropped.
     */
    boolean keep(final long bucketKey, final PagedHistogram refused)
    {
        for (final Entry entry : entries)
        {
            if (entry.bucketKey == bucketKey)
            {
                entry.counts.add(refused);
                return true;
            }
        }
        if (entries.size() == maxBuckets)
        {
            return false;
        }
        final PagedHistogram counts = refused.emptyOfSameShape();
        counts.add(refused);
        entries.add(new Entry(bucketKey, counts));
        return true;
    }

    /**
     * Adds every kept entry to its bucket; those the store accepts are forgotten (their pages go back to the pool).
     * An entry whose bucket passed retention meanwhile is forgotten unwritten: writing it would recreate a bucket
     * that expiry already removed (and only the next start's sweep would remove it again).
     *
     * @param expired whether a bucket key is past its resolution's retention.
     * @return the first refusal, or null when every entry was written or forgotten.
     */
    RuntimeException retry(final HistogramWriter writer, final EncodingMerge merge, final LongPredicate expired)
    {
        RuntimeException first = null;
        for (int i = entries.size() - 1; i >= 0; i--)
        {
            final Entry entry = entries.get(i);
            if (expired.test(entry.bucketKey))
            {
                entry.counts.reset();
                entries.remove(i);
                continue;
            }
            try
            {
                writer.rewrite(entry.bucketKey, merge.adding(entry.counts));
                entry.counts.reset();
                entries.remove(i);
            }
            catch (final RuntimeException ex)
            {
                first = first == null ? ex : first;
            }
        }
        return first;
    }

    /** @return the buckets kept. */
    int size()
    {
        return entries.size();
    }
}
