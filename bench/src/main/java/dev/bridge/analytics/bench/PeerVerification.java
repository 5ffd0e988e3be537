package dev.bridge.analytics.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The peer's no-loss check: what its Prometheus data points hold against what the producers sent, per series.
 * A counter's total equals the sum sent; a histogram's count and sum equal the count and sum sent; a gauge's value
 * is the last value one of the producers set on it (last writer wins: with one producer, exactly its last value).
 * Prometheus keeps no count of a counter's increments, so a counter is checked on its total only. Totals are doubles
 * in client_java: exact while they stay below 2^53. Immutable; thread-safe.
 *
 * @param verifiedSeries series that hold what was sent.
 * @param mismatches     the others, one line each: {@code <series>: sent ..., peer holds ...}.
 */
public record PeerVerification(int verifiedSeries, List<String> mismatches)
{
    /**
     * @param sentCounts per series index, summed over producers (warm-up included).
     * @param sentSums   per series index, summed over producers (warm-up included).
     * @param lastValues per producer, per series index: the last value it set, or null when it sent none there.
     */
    public static PeerVerification compare(
        final SeriesPlan plan, final PrometheusPeerSeries peer, final long[] sentCounts, final long[] sentSums,
        final List<Long[]> lastValues)
    {
        int verified = 0;
        final List<String> mismatches = new ArrayList<>();
        for (final PlannedSeries s : plan.series())
        {
            final int i = s.index();
            final String problem;
            if (peer.isCounter(i))
            {
                problem = peer.value(i) == sentSums[i] ? null :
                    "sent total " + sentSums[i] + ", peer holds " + format(peer.value(i));
            }
            else if (peer.isHistogram(i))
            {
                problem = peer.value(i) == sentCounts[i] && peer.sum(i) == sentSums[i] ? null :
                    "sent count " + sentCounts[i] + " sum " + sentSums[i] + ", peer holds count " +
                    format(peer.value(i)) + " sum " + format(peer.sum(i));
            }
            else
            {
                problem = gaugeProblem(peer.value(i), i, lastValues);
            }
            if (problem == null)
            {
                verified++;
            }
            else
            {
                mismatches.add(s.displayName() + ": " + problem);
            }
        }
        return new PeerVerification(verified, Collections.unmodifiableList(mismatches));
    }

    private static String gaugeProblem(final double value, final int series, final List<Long[]> lastValues)
    {
        final List<Long> candidates = new ArrayList<>();
        for (final Long[] producer : lastValues)
        {
            if (producer[series] != null)
            {
                candidates.add(producer[series]);
            }
        }
        if (candidates.isEmpty() ? value == 0 : candidates.stream().anyMatch(v -> v == value))
        {
            return null;
        }
        return "last values set " + (candidates.isEmpty() ? "none" : candidates.toString()) + ", peer holds " +
            format(value);
    }

    private static String format(final double value)
    {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long)value) : Double.toString(value);
    }

    /** @return true when every series holds what was sent. */
    public boolean passed()
    {
        return mismatches.isEmpty();
    }
}
