package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * {@code analytics query stats}: count, sum, mean, min, max, stddev and last value of a metric over a range, every
 * series matching the label filter merged. Thread-safety: one instance per command line, one thread.
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Count, sum, mean, min, max, stddev and last value of a metric over a range.")
public final class StatsQueryCommand extends StoreQueryCommand
{
    @Option(names = "--metric", required = true, paramLabel = "NAME", description = "A metric of the catalog.")
    String metric;

    @Mixin
    SeriesRangeOptions seriesRange;

    private Map<String, String> filter;
    private TimeRange range;

    @Override
    protected void prepare(final EngineConfig config)
    {
        requireMetric(config, metric);
        filter = seriesRange.filter();
        range = seriesRange.range();
    }

    @Override
    protected String answer(final AnalyticsQueries queries, final boolean json)
    {
        final Stats stats = queries.stats(metric, filter, range);
        return json ? QueryJson.write(QueryJson.stats(stats)) + System.lineSeparator() :
            QueryTables.fields(LabelFilter.describe(metric, filter) + " over " + range, QueryJson.stats(stats));
    }
}
