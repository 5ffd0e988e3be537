package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.dashboard.DashboardJson;

import java.util.List;

/**
 * {@code /api/dashboard[?range=R]}: the dashboard of the range (default {@code last_hour}) as
 * {@link DashboardJson} writes it. Immutable, thread-safe.
 */
final class DashboardEndpoint implements Endpoint
{
    private final AnalyticsQueries queries;

    DashboardEndpoint(final AnalyticsQueries queries)
    {
        this.queries = queries;
    }

    @Override
    public List<String> parameters()
    {
        return List.of(RangeParameter.NAME);
    }

    @Override
    public Reply serve(final Request request)
    {
        final TimeRange range = RangeParameter.parse(request.parameters().get(RangeParameter.NAME), TimeRange.LAST_HOUR);
        return Reply.json(DashboardJson.toJson(queries.dashboard(range)));
    }
}
