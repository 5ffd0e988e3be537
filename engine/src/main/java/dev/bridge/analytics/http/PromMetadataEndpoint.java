package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.promql.PromSeries;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/v1/metadata[?metric=NAME&limit=N]}: per metric family (keys sorted, as Go writes a map) its type,
 * help and unit, as a text-format scrape of {@code /metrics} declares them: counters under their {@code _total}
 * name, histograms under their family name. {@code limit} bounds the number of families. Immutable, thread-safe.
 */
final class PromMetadataEndpoint extends PromApiEndpoint
{
    private final AnalyticsQueries queries;

    PromMetadataEndpoint(final AnalyticsQueries queries)
    {
        this.queries = queries;
    }

    @Override
    public List<String> parameters()
    {
        return List.of("metric", "limit");
    }

    @Override
    String data(final Request request)
    {
        final String metric = request.parameters().get("metric");
        final int limit = limit(request);
        final Map<String, String> families = new TreeMap<>();
        for (final PromSeries s : PromSeries.of(queries.series(), queries.config().export()))
        {
            final String[] family = s.family(queries.config().export());
            if (metric == null || metric.isEmpty() || metric.equals(family[0]))
            {
                families.putIfAbsent(family[0], "[{\"type\":" + PromJson.string(family[1]) + ",\"help\":" +
                    PromJson.string(s.info().metric().help()) + ",\"unit\":\"\"}]");
            }
        }
        final StringBuilder out = new StringBuilder("{");
        families.entrySet().stream().limit(limit).forEach(e ->
        {
            if (out.length() > 1)
            {
                out.append(',');
            }
            out.append(PromJson.string(e.getKey())).append(':').append(e.getValue());
        });
        return out.append('}').toString();
    }
}
