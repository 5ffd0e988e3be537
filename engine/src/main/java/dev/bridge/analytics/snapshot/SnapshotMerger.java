package dev.bridge.analytics.snapshot;

import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.store.AggregateWriter;
import dev.bridge.analytics.store.BucketAggregate;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.EncodedHistogramMerger;
import dev.bridge.analytics.store.HistogramWriter;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.SampleWriter;
import dev.bridge.analytics.store.SaturatingMath;
import dev.bridge.analytics.store.SaturationCounter;
import dev.bridge.analytics.store.StoreReader;
import dev.bridge.analytics.store.StoredSamples;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds the buckets of checked snapshot files, one file after the other, into a store being built, so that it holds
 * what one engine that saw every event would:
 * <ul>
 *   <li>series are matched by key; each new key gets the next id (0, 1, ...) in the store's series map;</li>
 *   <li>per bucket key: count, sum and sum of squares add (saturating at the 64-bit bounds, each saturated addition
 *       counted: {@link #saturated()}); min and max fold; {@code last} is the value of the last file
 *       (in the order given) that has the bucket with values, as if its events came last;</li>
 *   <li>histograms are decoded with HdrHistogram, added and written again in the store's V2 encoding;</li>
 *   <li>exact samples (raw buckets of histogram metrics whose catalog window is not 0) are concatenated when every
 *       file kept all of the bucket's values and the merged total fits the window; otherwise only the total is
 *       stored, which marks the bucket as unable to answer exactly (as the engine's sample stage does). A file's
 *       bucket without samples counts as {@code count} values not kept;</li>
 *   <li>series starts are recorded for buckets of every resolution, so range reads find a series that the files
 *       hold only rollups of.</li>
 * </ul>
 * Not thread-safe: one instance per merge, on one thread, and the only writer of its store.
 */
final class SnapshotMerger implements SnapshotVisitor
{
    private static final long[] NO_VALUES = new long[0];

    private final MetricStore store;
    private final AggregateWriter aggregates;
    private final HistogramWriter histograms;
    private final SampleWriter samples;
    private final StoreReader reader;
    private final BucketAggregate stored;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<HistogramSpec, Histogram> merged = new HashMap<>();
    private final Map<HistogramSpec, EncodedHistogramMerger> mergers = new HashMap<>();
    private int seriesId = -1;
    private MetricDefinition metric;
    private final SaturationCounter saturations = new SaturationCounter();
    private long buckets;

    SnapshotMerger(final MetricStore store)
    {
        this.store = store;
        this.aggregates = store.newAggregateWriter();
        this.histograms = store.newHistogramWriter();
        this.samples = store.newSampleWriter();
        this.reader = store.newReader();
        this.stored = reader.aggregateScratch();
    }

    @Override
    public void onSeries(final String key, final MetricDefinition metric)
    {
        Integer id = ids.get(key);
        if (id == null)
        {
            id = ids.size();
            ids.put(key, id);
            store.series().put(key, id);
        }
        this.seriesId = id;
        this.metric = metric;
    }

    @Override
    public void onBucket(final SnapshotBucket bucket)
    {
        final long key = BucketKey.pack(seriesId, bucket.resolution, bucket.startSec);
        mergeAggregate(key, bucket);
        if (bucket.histogram != null)
        {
            mergeHistogram(key, bucket.histogram);
        }
        if (metric.type() == MetricType.HISTOGRAM && bucket.resolution == BucketKey.RAW_RESOLUTION &&
            metric.histogram().exactSamples() > 0)
        {
            mergeSamples(key, bucket);
        }
        buckets++;
    }

    /** @return the series merged so far. */
    int series()
    {
        return ids.size();
    }

    /** @return the buckets of the files merged so far (a bucket of several files counts once per file). */
    long buckets()
    {
        return buckets;
    }

    /** @return the additions of counts and sums that saturated at a 64-bit bound so far. */
    long saturated()
    {
        return saturations.count();
    }

    private void mergeAggregate(final long key, final SnapshotBucket b)
    {
        final boolean had = reader.readAggregate(key, stored) && stored.getCount() > 0;
        if (had && b.count == 0)
        {
            return;
        }
        if (had)
        {
            aggregates.write(key, saturations.add(stored.getCount(), b.count), saturations.add(stored.getSum(), b.sum),
                Math.min(stored.getMin(), b.min), Math.max(stored.getMax(), b.max),
                SaturatingMath.addSquares(stored.getSumSquares(), b.sumSquares), b.last);
        }
        else
        {
            aggregates.write(key, b.count, b.sum, b.min, b.max, b.sumSquares, b.last);
        }
        if (b.count > 0)
        {
            aggregates.recordStart(seriesId, b.startSec);
        }
    }

    /**
     * Adds {@code encoded} to the bucket's stored histogram without decoding either into a histogram of its own
     * ({@link EncodedHistogramMerger}: counts arrays reused per layout; the files passed their checks in pass one, so
     * every index is within the layout), then writes the sum in the store's V2 encoding.
     */
    private void mergeHistogram(final long key, final byte[] encoded)
    {
        final HistogramSpec spec = metric.histogram();
        final Histogram target = merged.computeIfAbsent(spec, s ->
            new Histogram(s.lowestDiscernibleValue(), s.highestTrackableValue(), s.significantDigits()));
        final EncodedHistogramMerger merger = mergers.computeIfAbsent(spec, s ->
            new EncodedHistogramMerger(s.lowestDiscernibleValue(), s.significantDigits()));
        merger.reset();
        reader.addHistogramTo(key, merger);
        merger.add(ByteBuffer.wrap(encoded));
        target.reset();
        merger.addTo(target);
        histograms.write(key, target);
    }

    private void mergeSamples(final long key, final SnapshotBucket b)
    {
        final long total = b.hasSamples ? b.samplesTotal : b.count;
        final long[] values = b.hasSamples ? b.samples : NO_VALUES;
        final StoredSamples before = reader.readStoredSamples(key);
        final long mergedTotal = SaturatingMath.add(total, before == null ? 0 : before.total());
        final boolean complete = values.length == total && (before == null || before.complete()) &&
            mergedTotal <= metric.histogram().exactSamples();
        if (!complete)
        {
            samples.write(key, mergedTotal, NO_VALUES, 0);
            return;
        }
        final int kept = before == null ? 0 : before.values().length;
        final long[] all = new long[kept + values.length];
        if (before != null)
        {
            System.arraycopy(before.values(), 0, all, 0, kept);
        }
        System.arraycopy(values, 0, all, kept, values.length);
        samples.write(key, mergedTotal, all, all.length);
    }
}
