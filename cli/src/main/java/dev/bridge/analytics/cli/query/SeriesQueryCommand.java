package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.cli.DurationConverter;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.query.Aggregation;
import dev.bridge.analytics.query.SeriesPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code analytics query series}: one point per interval over [from, to), reduced by an aggregation. Thread-safety:
 * one instance per command line, one thread.
 */
@Command(
    name = "series",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "A time series of a metric: one point per interval over [from, to).")
public final class SeriesQueryCommand extends StoreQueryCommand
{
    @Option(names = "--metric", required = true, paramLabel = "NAME", description = "A metric of the catalog.")
    String metric;

    @Option(names = "--from", required = true, paramLabel = "TIME", converter = InstantConverter.class,
        description = "Start: ISO-8601 instant or epoch ms.")
    Instant from;

    @Option(names = "--to", required = true, paramLabel = "TIME", converter = InstantConverter.class,
        description = "End (exclusive): ISO-8601 instant or epoch ms.")
    Instant to;

    @Option(names = "--interval", paramLabel = "D", defaultValue = "60s", converter = DurationConverter.class,
        description = "Width of a point, a whole number of raw buckets: 10s, 1m, 1h (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--agg", paramLabel = "A", defaultValue = "avg", converter = AggregationConverter.class,
        description = "avg, sum, min, max, count, rate (per second), last (the newest value) or pNN: p50, p99, p99.9 (default: ${DEFAULT-VALUE}).")
    Aggregation aggregation;

    @Option(names = "--labels", paramLabel = "K=V[,K=V]", description = "Only the series whose labels include these.")
    String labels;

    private Map<String, String> filter;

    @Override
    protected void prepare(final EngineConfig config)
    {
        requireMetric(config, metric);
        if (from.isAfter(to))
        {
            throw new QueryException("--from " + from + " is after --to " + to);
        }
        filter = LabelFilter.parse(labels);
    }

    @Override
    protected String answer(final AnalyticsQueries queries, final boolean json)
    {
        final List<SeriesPoint> points = queries.timeSeries(metric, filter, from, to, interval, aggregation);
        return json ? QueryJson.write(QueryJson.series(points)) + System.lineSeparator() :
            QueryTables.series(LabelFilter.describe(metric, filter) + " " + aggregation + " per " +
                interval.toString().substring(2).toLowerCase(Locale.ROOT) + " from " + from + " to " + to, points);
    }
}
