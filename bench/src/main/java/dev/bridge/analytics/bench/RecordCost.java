package dev.bridge.analytics.bench;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of the sampled publish cost (every 1024th call, {@code System.nanoTime()} around it, minus the
 * measured cost of the clock reads themselves), merged over producers, in ns. Immutable; thread-safe.
 *
 * @param timerOverheadNs the median cost of a back-to-back nanoTime pair, subtracted from every sample.
 */
public record RecordCost(long timerOverheadNs, long samples, long p50, long p90, long p99, long p999, long max)
{
    /** @return the figures of a merged histogram. */
    public static RecordCost of(final long timerOverheadNs, final Histogram histogram)
    {
        return new RecordCost(
            timerOverheadNs,
            histogram.getTotalCount(),
            histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(90),
            histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9),
            histogram.getMaxValue());
    }
}
