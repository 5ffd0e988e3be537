package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.promql.Labels;
import dev.bridge.analytics.promql.PromSeries;
import dev.bridge.analytics.promql.PromqlEvaluator;

import java.util.List;

/**
 * {@code /api/v1/series?match[]=SEL[&match[]=...][&start=&end=&limit=]}: the label sets of the series matching any
 * selector, sorted; no {@code match[]} is {@code bad_data} {@code no match[] parameter provided}. Immutable,
 * thread-safe.
 */
final class PromSeriesEndpoint extends PromApiEndpoint
{
    private final AnalyticsQueries queries;

    PromSeriesEndpoint(final AnalyticsQueries queries)
    {
        this.queries = queries;
    }

    @Override
    public List<String> parameters()
    {
        return List.of(PromSeriesMatch.MATCH, "start", "end", "limit");
    }

    @Override
    String data(final Request request)
    {
        final int limit = limit(request);
        final List<Labels> labels = PromSeriesMatch.select(queries, request, true).stream()
            .map(PromSeries::labels).distinct().sorted(PromqlEvaluator.LABEL_ORDER).limit(limit).toList();
        final StringBuilder out = new StringBuilder("[");
        for (final Labels l : labels)
        {
            if (out.length() > 1)
            {
                out.append(',');
            }
            out.append(PromJson.labels(l));
        }
        return out.append(']').toString();
    }
}
