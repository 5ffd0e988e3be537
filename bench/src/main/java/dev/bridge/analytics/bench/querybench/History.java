package dev.bridge.analytics.bench.querybench;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.bench.PlannedSeries;
import dev.bridge.analytics.bench.SeriesPlan;
import dev.bridge.analytics.config.EngineConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link HistoryBuilder} wrote into a store: the simulated span, what was published per series of the plan
 * (count and sum), and the engine's own accounting of the build. Immutable (the arrays are copied in; do not
 * modify those the accessors return); thread-safe.
 *
 * @param directory     the store.
 * @param config        the configuration the store was written with (catalog, resolutions, data directory).
 * @param plan          the series published to.
 * @param startMs       first simulated second (epoch ms, whole second).
 * @param endMs         end of the history, exclusive: "now" for the queries.
 * @param eventsPerSecond events published per simulated second.
 * @param counts        events published per plan index.
 * @param sums          sum of the values published per plan index.
 * @param rejected      events the engine rejected during the build (expected 0).
 * @param late          events the engine merged into stored buckets (expected 0: events go in time order).
 * @param buildSeconds  wall time of the build, engine start to close.
 */
public record History(
    Path directory,
    EngineConfig config,
    SeriesPlan plan,
    long startMs,
    long endMs,
    int eventsPerSecond,
    long[] counts,
    long[] sums,
    long rejected,
    long late,
    double buildSeconds)
{
    public History
    {
        counts = counts.clone();
        sums = sums.clone();
    }

    /** @return events published in all. */
    public long events()
    {
        long total = 0;
        for (final long c : counts)
        {
            total += c;
        }
        return total;
    }

    /** @return events published on plan index {@code index}. */
    public long count(final int index)
    {
        return counts[index];
    }

    /** @return sum of the values published on plan index {@code index}. */
    public long sum(final int index)
    {
        return sums[index];
    }

    /** @return the labels of a planned series as a query filter (its set labels only). */
    public static Map<String, String> filter(final PlannedSeries series)
    {
        final Map<String, String> labels = new LinkedHashMap<>();
        series.labels().forEach((name, value) ->
        {
            if (!value.isEmpty())
            {
                labels.put(name, value);
            }
        });
        return labels;
    }

    /**
     * Compares what the store holds over {@link TimeRange#ALL} with what was published, series by series.
     *
     * @return one line per series whose count or sum differs; empty when the store holds exactly what was sent.
     */
    public List<String> mismatches(final AnalyticsQueries queries)
    {
        final List<String> mismatches = new ArrayList<>();
        for (final PlannedSeries s : plan.series())
        {
            final Stats stats = queries.stats(s.metric(), filter(s), TimeRange.ALL);
            if (stats.count() != counts[s.index()] || stats.sum() != sums[s.index()])
            {
                mismatches.add(String.format("%s: stored count %d sum %d, published count %d sum %d",
                    s.displayName(), stats.count(), stats.sum(), counts[s.index()], sums[s.index()]));
            }
        }
        return mismatches;
    }
}
