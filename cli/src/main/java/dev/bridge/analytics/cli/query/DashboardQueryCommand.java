package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.dashboard.Dashboard;
import dev.bridge.analytics.dashboard.DashboardJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code analytics query dashboard}: the DSPex dashboard of a range (operations, latency percentiles, cache,
 * optimisations, health). Thread-safety: one instance per command line, one thread.
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "The DSPex dashboard of a range: operations, latency percentiles, cache, optimisations, health.")
public final class DashboardQueryCommand extends StoreQueryCommand
{
    @Mixin
    RangeOptions rangeOptions;

    private TimeRange range;

    @Override
    protected void prepare(final EngineConfig config)
    {
        range = rangeOptions.range();
    }

    @Override
    protected String answer(final AnalyticsQueries queries, final boolean json)
    {
        final Dashboard dashboard = queries.dashboard(range);
        return json ? DashboardJson.toJson(dashboard) + System.lineSeparator() : QueryTables.dashboard(dashboard);
    }
}
