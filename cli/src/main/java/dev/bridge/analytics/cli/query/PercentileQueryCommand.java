package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.query.PercentileResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * {@code analytics query percentile}: percentiles of a histogram metric over a range, with the mode that answered
 * (exact samples or merged HdrHistograms) and its error bound. Thread-safety: one instance per command line, one
 * thread.
 */
@Command(
    name = "percentile",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Percentiles of a histogram metric over a range.")
public final class PercentileQueryCommand extends StoreQueryCommand
{
    @Option(names = "--metric", required = true, paramLabel = "NAME", description = "A histogram metric of the catalog.")
    String metric;

    @Option(names = "--p", split = ",", paramLabel = "P[,P]", defaultValue = "0.5,0.95,0.99",
        description = "Fractions in [0, 1] (default: ${DEFAULT-VALUE}).")
    double[] fractions;

    @Mixin
    SeriesRangeOptions seriesRange;

    private Map<String, String> filter;
    private TimeRange range;

    @Override
    protected void prepare(final EngineConfig config)
    {
        requireMetric(config, metric);
        for (final double p : fractions)
        {
            if (!(p >= 0.0 && p <= 1.0))
            {
                throw new QueryException("--p must be fractions in [0, 1] (0.99 for p99), was " + QueryJson.fraction(p));
            }
        }
        filter = seriesRange.filter();
        range = seriesRange.range();
    }

    @Override
    protected String answer(final AnalyticsQueries queries, final boolean json)
    {
        final PercentileResult result = queries.percentiles(metric, filter, range, fractions);
        return json ? QueryJson.write(QueryJson.percentiles(result)) + System.lineSeparator() :
            QueryTables.percentiles(LabelFilter.describe(metric, filter) + " over " + range, result);
    }
}
