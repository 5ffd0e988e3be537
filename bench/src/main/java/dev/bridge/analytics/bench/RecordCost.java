package dev.bridge.analytics.bench;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of the sampled publish cost (every 1024th call, {@code System.nanoTime()} around it, so each sample
 * includes one clock read), merged over producers, in ns. Immutable; thread-safe.
 */
public record RecordCost(long samples, long p50, long p90, long p99, long p999, long max)
{
    /** @return the figures of a merged histogram. */
    public static RecordCost of(final Histogram histogram)
    {
        return new RecordCost(
            histogram.getTotalCount(),
            histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(90),
            histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9),
            histogram.getMaxValue());
    }
}
