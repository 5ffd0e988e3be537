package dev.bridge.analytics.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The no-loss verdict per series: what the store gained during the run (after - before, so a store with history
 * verifies too) against what the producers sent, count and sum, exactly. Immutable; thread-safe.
 *
 * @param verifiedSeries   series whose gain equals what was sent.
 * @param mismatches       the others, with both figures.
 * @param expectedEvents   events the producers sent in all (warm-up included).
 * @param expectedByMetric count and sum sent per metric (label series summed), in catalog order.
 */
public record Verification(
    int verifiedSeries, List<Mismatch> mismatches, long expectedEvents, Map<String, Totals> expectedByMetric)
{
    /** A series whose stored gain differs from what was sent. */
    public record Mismatch(String series, long expectedCount, long actualCount, long expectedSum, long actualSum)
    {
        @Override
        public String toString()
        {
            return series + ": sent count=" + expectedCount + " sum=" + expectedSum +
                ", stored count=" + actualCount + " sum=" + actualSum +
                " (missing " + (expectedCount - actualCount) + " events)";
        }
    }

    /** Count and sum of a metric. */
    public record Totals(long count, long sum)
    {
    }

    /**
     * @param sentCounts per series index, summed over producers.
     * @param sentSums   per series index, summed over producers.
     */
    public static Verification compare(
        final SeriesPlan plan, final long[] sentCounts, final long[] sentSums, final SeriesSnapshot before,
        final SeriesSnapshot after)
    {
        int verified = 0;
        long events = 0;
        final List<Mismatch> mismatches = new ArrayList<>();
        final Map<String, Totals> byMetric = new LinkedHashMap<>();
        for (final PlannedSeries s : plan.series())
        {
            final int i = s.index();
            final long count = after.count(i) - before.count(i);
            final long sum = after.sum(i) - before.sum(i);
            events += sentCounts[i];
            if (count == sentCounts[i] && sum == sentSums[i])
            {
                verified++;
            }
            else
            {
                mismatches.add(new Mismatch(s.displayName(), sentCounts[i], count, sentSums[i], sum));
            }
            byMetric.merge(s.metric(), new Totals(sentCounts[i], sentSums[i]),
                (a, b) -> new Totals(a.count() + b.count(), a.sum() + b.sum()));
        }
        return new Verification(verified, Collections.unmodifiableList(mismatches), events,
            Collections.unmodifiableMap(byMetric));
    }

    /** @return true when every series verified. */
    public boolean passed()
    {
        return mismatches.isEmpty();
    }
}
