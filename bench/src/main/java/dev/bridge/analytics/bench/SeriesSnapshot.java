package dev.bridge.analytics.bench;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;

/**
 * Count and sum of every series of a {@link SeriesPlan} as the engine's store holds them over
 * {@link TimeRange#ALL} (history of earlier runs included). Immutable after {@link #read}; thread-safe.
 */
public final class SeriesSnapshot
{
    private final long[] counts;
    private final long[] sums;

    private SeriesSnapshot(final long[] counts, final long[] sums)
    {
        this.counts = counts;
        this.sums = sums;
    }

    /** Queries the engine once per series (setup or after a flush: not for the hot path). */
    public static SeriesSnapshot read(final AnalyticsEngine engine, final SeriesPlan plan)
    {
        final long[] counts = new long[plan.size()];
        final long[] sums = new long[plan.size()];
        for (final PlannedSeries s : plan.series())
        {
            final Stats stats = engine.queries().stats(s.metric(), s.labels(), TimeRange.ALL);
            counts[s.index()] = stats.count();
            sums[s.index()] = stats.sum();
        }
        return new SeriesSnapshot(counts, sums);
    }

    /** @return the count of series {@code index}. */
    public long count(final int index)
    {
        return counts[index];
    }

    /** @return the sum of series {@code index}. */
    public long sum(final int index)
    {
        return sums[index];
    }
}
