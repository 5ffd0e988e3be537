package dev.bridge.analytics.query;

import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.store.EncodedHistogramMerger;

import java.util.List;

/**
 * Everything an export needs of one series over one resolved range, read in one pass over its buckets by
 * {@link StatsQuery#readSeries}. The histogram is valid until the reader's next read; the samples belong to the
 * reader of this record: do not change them. Not to be shared across threads.
 *
 * @param series       the series.
 * @param stats        its stats over the range ({@link Stats#EMPTY} without data).
 * @param buckets      its buckets with data in the range, oldest first; empty unless asked for.
 * @param histogram    histogram metrics: the merged counts of the range, in the metric's layout (the reader's
 *                     merger, reused by its next read: consume it first); null for other metrics, and when
 *                     {@link SeriesReader#readTotals(SeriesInfo, TimeRange.ResolvedRange, long, ClassicCounts)}
 *                     counted the classic buckets instead of merging.
 * @param exactSamples histogram metrics with {@code exact_samples}: every value of the range, sorted, when every
 *                     raw bucket kept all its values; null otherwise.
 * @param firstDataMs  start of the series' earliest raw bucket that held data (a lower bound, from
 *                     {@code series-starts.dat}), or of its first bucket with data in the range when the store keeps no
 *                     starts; null without data.
 */
public record SeriesRead(
    SeriesInfo series, Stats stats, List<SeriesBucket> buckets, EncodedHistogramMerger histogram, long[] exactSamples,
    Long firstDataMs)
{
}
