package dev.bridge.analytics.snapshot;

import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.store.BucketAggregate;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.StoreReader;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.LongArrayList;

import java.util.Arrays;
import java.util.List;

/**
 * The keys of the stored buckets of some series, at every resolution, that overlap a time range, sorted (so by
 * series id, then resolution, then start). As the queries do ({@code StatsQuery}): point look-ups from each series'
 * first bucket with data when that probes fewer keys than the store holds, else one scan of the aggregates.
 * Not thread-safe: it uses the caller's reader.
 */
final class BucketKeys
{
    /** Bucket starts are 36-bit epoch seconds (see BucketKey). */
    private static final long MAX_SEC = 1L << 36;
    /** Probes always made by point look-ups, without asking the store's size. */
    private static final long ALWAYS_POINT_LOOKUPS = 16_384;

    private final MetricStore store;
    private final StoreReader reader;
    private final List<Resolution> resolutions;

    BucketKeys(final MetricStore store, final StoreReader reader, final List<Resolution> resolutions)
    {
        this.store = store;
        this.reader = reader;
        this.resolutions = resolutions;
    }

    /** @return the sorted keys of the stored buckets of {@code series} overlapping [fromMs, toMs). */
    long[] overlapping(final List<SeriesInfo> series, final long fromMs, final long toMs)
    {
        final LongArrayList found = new LongArrayList();
        if (fromMs >= toMs || series.isEmpty())
        {
            return new long[0];
        }
        final long endSec = Math.min(MAX_SEC, Math.floorDiv(Math.max(toMs, 0) + 999, 1000L));
        final long[] earliest = new long[series.size()];
        long probes = 0;
        for (int i = 0; i < series.size(); i++)
        {
            earliest[i] = reader.earliestDataSec(series.get(i).id());
            if (earliest[i] != StoreReader.NO_DATA)
            {
                for (final Resolution r : resolutions)
                {
                    final long stepSec = r.widthMs() / 1000;
                    probes += Math.max(0, endSec - firstSec(r, fromMs, earliest[i])) / stepSec + 1;
                }
            }
        }
        if (probes <= ALWAYS_POINT_LOOKUPS || probes <= store.aggregateBuckets())
        {
            final BucketAggregate scratch = reader.aggregateScratch();
            for (int i = 0; i < series.size(); i++)
            {
                if (earliest[i] == StoreReader.NO_DATA)
                {
                    continue;
                }
                for (final Resolution r : resolutions)
                {
                    final long stepSec = r.widthMs() / 1000;
                    for (long sec = firstSec(r, fromMs, earliest[i]); sec < endSec; sec += stepSec)
                    {
                        final long key = BucketKey.pack(series.get(i).id(), r.index(), sec);
                        if (reader.readAggregate(key, scratch))
                        {
                            found.addLong(key);
                        }
                    }
                }
            }
        }
        else
        {
            final IntHashSet ids = new IntHashSet();
            series.forEach(s -> ids.add(s.id()));
            final long[] firstSec = new long[resolutions.size()];
            for (final Resolution r : resolutions)
            {
                firstSec[r.index()] = firstSec(r, fromMs, 0);
            }
            reader.forEachAggregate(key ->
            {
                final int level = BucketKey.resolutionIndex(key);
                final long startSec = BucketKey.bucketStartSec(key);
                return level < firstSec.length && ids.contains(BucketKey.seriesId(key)) &&
                    startSec >= firstSec[level] && startSec < endSec;
            }, (key, aggregate) -> found.addLong(key));
        }
        final long[] keys = found.toLongArray();
        Arrays.sort(keys);
        return keys;
    }

    /** @return the start of the first bucket of {@code r} that overlaps [fromMs, ...) and may hold data. */
    private static long firstSec(final Resolution r, final long fromMs, final long earliestSec)
    {
        final long stepSec = r.widthMs() / 1000;
        final long fromSec = Math.floorDiv(Math.max(fromMs, 0), 1000L);
        final long overlapping = fromSec - Math.floorMod(fromSec, stepSec); // the bucket holding fromMs
        return Math.max(overlapping, earliestSec - Math.floorMod(earliestSec, stepSec));
    }
}
