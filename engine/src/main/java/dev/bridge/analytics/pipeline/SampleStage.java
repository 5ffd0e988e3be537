package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.series.SeriesTable;
import dev.bridge.analytics.store.SampleWriter;

import java.nio.ByteBuffer;

/**
 * The exact-sample stage (raw resolution only): for histogram metrics configured with {@code exact_samples: N},
 * keeps up to N raw values of each series' live raw bucket, with the bucket's total, so that percentiles over
 * ranges whose buckets all fit can be answered exactly. A bucket with more values than its window is stored as
 * a total only. Preallocated per series on its first event; allocation-free after that (re-opening a stored
 * bucket and late values read the stored samples). Not thread-safe: the histogram consumer thread.
 */
final class SampleStage extends LiveBucketStage
{
    private static final long[] NONE = new long[0];

    private final SeriesTable series;
    private final SampleWriter writer;
    private final long[][] samples;
    private final int[] kept;
    private final long[] totals;

    SampleStage(final SeriesTable series, final Resolution raw, final SampleWriter writer)
    {
        super(series.capacity(), raw, null);
        this.series = series;
        this.writer = writer;
        samples = new long[series.capacity()][];
        kept = new int[series.capacity()];
        totals = new long[series.capacity()];
    }

    @Override
    public void onEvent(final MetricEvent event)
    {
        record(event.seriesId, event.timestampMs, event.value);
    }

    /** Keeps one value of a histogram series if its metric keeps samples (HistogramLevels passes histograms only). */
    void record(final int seriesId, final long timestampMs, final long value)
    {
        if (window(seriesId) != 0 && enterLiveBucket(seriesId, timestampMs, value))
        {
            add(seriesId, value);
        }
    }

    private void add(final int seriesId, final long value)
    {
        final long[] window = samples[seriesId];
        if (kept[seriesId] < window.length && totals[seriesId] == kept[seriesId])
        {
            window[kept[seriesId]++] = value;
        }
        totals[seriesId]++;
    }

    private int window(final int seriesId)
    {
        final long[] window = samples[seriesId];
        if (window != null)
        {
            return window.length;
        }
        final SeriesInfo info = series.info(seriesId);
        final int size = info.metric().histogram().exactSamples();
        samples[seriesId] = size == 0 ? NONE : new long[size];
        return size;
    }

    @Override
    void openBucket(final int seriesId, final long startMs, final long bucketKey)
    {
        kept[seriesId] = 0;
        totals[seriesId] = 0;
        final ByteBuffer stored = writer.read(bucketKey);
        if (stored != null)
        {
            final long total = stored.getLong(0);
            final int storedKept = (stored.limit() - Long.BYTES) / Long.BYTES;
            final boolean fits = storedKept <= samples[seriesId].length; // the window may have shrunk since
            for (int i = 0; fits && i < storedKept; i++)
            {
                samples[seriesId][i] = stored.getLong(Long.BYTES * (i + 1));
            }
            kept[seriesId] = fits ? storedKept : 0;
            totals[seriesId] = total;
        }
    }

    @Override
    void writeBucket(final int seriesId, final long bucketKey)
    {
        writer.write(bucketKey, totals[seriesId], samples[seriesId], kept[seriesId]);
    }

    @Override
    void mergeLate(final int seriesId, final long startMs, final long bucketKey, final long value)
    {
        final ByteBuffer stored = writer.read(bucketKey);
        final long total = stored == null ? 0 : stored.getLong(0);
        final int storedKept = stored == null ? 0 : (stored.limit() - Long.BYTES) / Long.BYTES;
        final long[] merged = new long[storedKept + 1];
        for (int i = 0; i < storedKept; i++)
        {
            merged[i] = stored.getLong(Long.BYTES * (i + 1));
        }
        merged[storedKept] = value;
        final boolean fits = total == storedKept && storedKept < samples[seriesId].length;
        writer.write(bucketKey, total + 1, merged, fits ? storedKept + 1 : 0);
    }

    @Override
    void removeBucket(final long bucketKey)
    {
        writer.remove(bucketKey);
    }
}
