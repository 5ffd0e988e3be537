package dev.bridge.analytics.query;

import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.store.BucketAggregate;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.EncodedHistogramMerger;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.SaturatingMath;
import dev.bridge.analytics.store.StoreReader;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a set of series over [fromMs, toMs) of raw bucket starts: {@link Stats} from the aggregates and the
 * merged HdrHistogram of histogram series. Point look-ups when the range holds fewer buckets than the store,
 * else one scan of the store. Thread-safe: each call uses its own reader.
 */
public final class StatsQuery
{
    /** Bucket starts are 36-bit epoch seconds (see BucketKey): anything later is "until the end". */
    private static final long MAX_MS = (1L << 36) * 1000L;
    /** Ranges of at most this many buckets are read by point look-ups without asking the store's size (a walk). */
    private static final long ALWAYS_POINT_LOOKUPS = 16_384;
    private final MetricStore store;
    private final List<Resolution> resolutions;

    /** @param resolutions finest first. */
    public StatsQuery(final MetricStore store, final List<Resolution> resolutions)
    {
        this.store = store;
        this.resolutions = resolutions;
    }

    /** @return the store this query reads. */
    MetricStore store()
    {
        return store;
    }

    /** @return the merged stats of {@code series} over the range's buckets. */
    public Stats stats(final List<SeriesInfo> series, final TimeRange.ResolvedRange range)
    {
        final StatsAccumulator accumulator = new StatsAccumulator();
        forEachBucket(store.newReader(), series, range,
            (key, aggregate) -> accumulator.add(BucketKey.seriesId(key), BucketKey.bucketStartSec(key), aggregate));
        return accumulator.toStats();
    }

    /**
     * @return per second over the range's real length: from its start (for ALL: the first bucket holding data)
     *         to {@code nowMs}, or to its end if earlier (so the partial current bucket counts for its elapsed
     *         part only); counters count their total, other metrics their number of values. Null when there is
     *         no data.
     */
    public Double rate(
        final MetricDefinition metric, final List<SeriesInfo> series, final TimeRange.ResolvedRange range, final long nowMs)
    {
        final Resolution finest = resolutions.get(0);
        final StatsAccumulator accumulator = new StatsAccumulator();
        final long[] firstSec = { Long.MAX_VALUE };
        forEachBucket(store.newReader(), series, range, (key, aggregate) ->
        {
            accumulator.add(BucketKey.seriesId(key), BucketKey.bucketStartSec(key), aggregate);
            if (aggregate.getCount() > 0)
            {
                firstSec[0] = Math.min(firstSec[0], BucketKey.bucketStartSec(key));
            }
        });
        if (accumulator.count() == 0)
        {
            return null;
        }
        final long startMs = range.all() ? firstData(series, firstSec[0] * 1000L, nowMs) : range.fromMs();
        final long endMs = Math.min(range.toMs(), nowMs);
        final double seconds = Math.max(endMs - startMs, finest.widthMs()) / 1000.0;
        final long total = metric.type() == MetricType.COUNTER ? accumulator.sum() : accumulator.count();
        return total / seconds;
    }

    /**
     * @return every exact sample of {@code series} in the raw buckets of {@code rawRange}, or null when a bucket
     *         holding data did not keep all its values (then only the histogram can answer).
     */
    public long[] exactSamples(final List<SeriesInfo> series, final TimeRange.ResolvedRange rawRange)
    {
        final StoreReader reader = store.newReader();
        final List<Long> keys = new ArrayList<>();
        forEachBucket(reader, series, rawRange, (key, aggregate) ->
        {
            if (aggregate.getCount() > 0)
            {
                keys.add(key);
            }
        });
        final List<long[]> parts = new ArrayList<>();
        int total = 0;
        for (final long key : keys)
        {
            final long[] part = reader.readSamples(key);
            if (part == null)
            {
                return null;
            }
            parts.add(part);
            total += part.length;
        }
        final long[] all = new long[total];
        int at = 0;
        for (final long[] part : parts)
        {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /**
     * @return the start of the first bucket with data: found at the coarse resolution that answered ALL
     *         ({@code coarseStartMs}), then refined at the finest resolution whose retention reaches back to it.
     */
    private long firstData(final List<SeriesInfo> series, final long coarseStartMs, final long nowMs)
    {
        for (final Resolution r : resolutions)
        {
            if (coarseStartMs >= nowMs - r.retentionMs())
            {
                final long[] firstSec = { Long.MAX_VALUE };
                forEachBucket(store.newReader(), series, new TimeRange.ResolvedRange(r, coarseStartMs, nowMs + r.widthMs()),
                    (key, aggregate) ->
                    {
                        if (aggregate.getCount() > 0)
                        {
                            firstSec[0] = Math.min(firstSec[0], BucketKey.bucketStartSec(key));
                        }
                    });
                return firstSec[0] == Long.MAX_VALUE ? coarseStartMs : firstSec[0] * 1000L;
            }
        }
        return coarseStartMs;
    }

    /** A merged histogram and the exact stats of the same buckets, read in one pass. */
    public record Distribution(Histogram histogram, Stats stats)
    {
    }

    /**
     * @return the histograms of {@code series} (histogram metrics of one spec) over the range added together
     *         (empty when nothing was recorded), with the stats of the same buckets.
     */
    public Distribution distribution(final List<SeriesInfo> series, final HistogramSpec spec, final TimeRange.ResolvedRange range)
    {
        final Histogram merged = new Histogram(
            spec.lowestDiscernibleValue(), spec.highestTrackableValue(), spec.significantDigits());
        final StoreReader reader = store.newReader();
        final StatsAccumulator accumulator = new StatsAccumulator();
        // collect the keys first: a scan visits entries under the segment lock, decoding there would hold it
        final List<Long> keys = new ArrayList<>();
        forEachBucket(reader, series, range, (key, aggregate) ->
        {
            accumulator.add(BucketKey.seriesId(key), BucketKey.bucketStartSec(key), aggregate);
            if (aggregate.getCount() > 0)
            {
                keys.add(key);
            }
        });
        final EncodedHistogramMerger merger =
            new EncodedHistogramMerger(spec.lowestDiscernibleValue(), spec.significantDigits());
        for (final long key : keys)
        {
            reader.addHistogramTo(key, merger);
        }
        merger.addTo(merged);
        return new Distribution(merged, accumulator.toStats());
    }

    /**
     * @return a reader of single series for an export (stats, buckets, merged histogram, exact samples in one
     *         pass); one per export and thread.
     */
    public SeriesReader newSeriesReader()
    {
        return new SeriesReader(this, store.newReader(), resolutions);
    }

    /** Visits the stored aggregates of {@code series} in the range, at the range's resolution. */
    void forEachBucket(
        final StoreReader reader, final List<SeriesInfo> series, final TimeRange.ResolvedRange range,
        final StoreReader.AggregateVisitor visitor)
    {
        final long fromMs = range.fromMs();
        final long toMs = range.toMs();
        final int level = range.resolution().index();
        final long resolutionMs = range.resolution().widthMs();
        if (series.isEmpty() || fromMs >= toMs)
        {
            return;
        }
        AggregateCoverage.check(store, toMs);
        final long stepSec = resolutionMs / 1000;
        final long from = Math.min(Math.max(fromMs, 0), MAX_MS);
        final long firstSec = Math.floorDiv(from + resolutionMs - 1, resolutionMs) * stepSec;
        final long endSec = toMs >= MAX_MS ? Long.MAX_VALUE : Math.floorDiv(Math.max(toMs, 0) + 999, 1000L);
        final long buckets = endSec == Long.MAX_VALUE ? Long.MAX_VALUE : (endSec - firstSec + stepSec - 1) / stepSec;
        final long[] startsSec = buckets == Long.MAX_VALUE ? null : startsSec(reader, series, firstSec, stepSec);
        if (startsSec != null && usePointLookups(lookups(startsSec, endSec, stepSec), store.aggregateBuckets()))
        {
            final BucketAggregate value = reader.aggregateScratch();
            for (int i = 0; i < startsSec.length; i++)
            {
                final int id = series.get(i).id();
                for (long sec = startsSec[i]; sec < endSec; sec += stepSec)
                {
                    final long key = BucketKey.pack(id, level, sec);
                    if (reader.readAggregate(key, value))
                    {
                        visitor.onAggregate(key, value);
                    }
                }
            }
        }
        else
        {
            final Set<Integer> ids = new HashSet<>();
            series.forEach(s -> ids.add(s.id()));
            reader.forEachAggregate(
                key -> BucketKey.resolutionIndex(key) == level && ids.contains(BucketKey.seriesId(key)) &&
                    BucketKey.bucketStartSec(key) >= firstSec && BucketKey.bucketStartSec(key) < endSec,
                visitor);
        }
    }

    /**
     * @return per series of {@code series}, the first bucket start (epoch s) a point look-up reads: the range's first,
     *         or the bucket of the series' earliest data if later; {@link Long#MAX_VALUE} for a series without data.
     *         One map read per series.
     */
    private static long[] startsSec(
        final StoreReader reader, final List<SeriesInfo> series, final long firstSec, final long stepSec)
    {
        final long[] starts = new long[series.size()];
        for (int i = 0; i < starts.length; i++)
        {
            final long earliestSec = reader.earliestDataSec(series.get(i).id());
            starts[i] = earliestSec == StoreReader.NO_DATA ?
                Long.MAX_VALUE : Math.max(firstSec, earliestSec - Math.floorMod(earliestSec, stepSec));
        }
        return starts;
    }

    /** @return the point look-ups that reading from {@code startsSec} to {@code endSec} takes, saturating. */
    static long lookups(final long[] startsSec, final long endSec, final long stepSec)
    {
        long total = 0;
        for (final long start : startsSec)
        {
            if (start < endSec)
            {
                total = SaturatingMath.add(total, (endSec - start + stepSec - 1) / stepSec);
            }
        }
        return total;
    }

    /**
     * @return whether {@code lookups} point look-ups are cheaper than one scan of the {@code storedBuckets} aggregates:
     *         always up to {@value #ALWAYS_POINT_LOOKUPS}, else while they do not outnumber the stored buckets. Counting
     *         only the buckets after each series' first data keeps young series (a new catalog, a benchmark) on look-ups.
     */
    static boolean usePointLookups(final long lookups, final long storedBuckets)
    {
        return lookups <= ALWAYS_POINT_LOOKUPS || lookups <= storedBuckets;
    }
}
