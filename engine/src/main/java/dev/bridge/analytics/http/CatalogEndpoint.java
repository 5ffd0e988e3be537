package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.series.SeriesInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code /api/catalog}: the catalog's metrics with the label values their series have so far, for the page's metric
 * and label picker:
 * <pre>{@code
 * {"metrics":[{"name":"operation_error","type":"counter","unit":"errors","help":"...","labels":["operation"],
 *              "label_values":{"operation":["read","write"]}}]}
 * }</pre>
 * Metrics in catalog order, label values sorted (a label a series was recorded without has no value listed; the overflow series are left out). Takes no
 * parameters. Immutable, thread-safe; each request reads the current series.
 */
final class CatalogEndpoint implements Endpoint
{
    private final AnalyticsQueries queries;

    CatalogEndpoint(final AnalyticsQueries queries)
    {
        this.queries = queries;
    }

    @Override
    public List<String> parameters()
    {
        return List.of();
    }

    @Override
    public Reply serve(final Request request)
    {
        final Map<String, Map<String, TreeSet<String>>> values = new LinkedHashMap<>();
        for (final SeriesInfo s : queries.series())
        {
            if (s.overflow())
            {
                continue;
            }
            final Map<String, TreeSet<String>> byLabel = values.computeIfAbsent(s.metric().name(), n -> new TreeMap<>());
            s.labels().forEach((k, v) ->
            {
                if (!v.isEmpty())
                {
                    byLabel.computeIfAbsent(k, x -> new TreeSet<>()).add(v);
                }
            });
        }
        final List<Map<String, Object>> metrics = queries.config().metrics().stream()
            .map(m -> metric(m, values.getOrDefault(m.name(), Map.of())))
            .toList();
        return Reply.json(Json.write(Map.of("metrics", metrics)));
    }

    private static Map<String, Object> metric(final MetricDefinition m, final Map<String, TreeSet<String>> values)
    {
        final Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("name", m.name());
        metric.put("type", m.type().name().toLowerCase(Locale.ROOT));
        metric.put("unit", m.unit());
        metric.put("help", m.help());
        metric.put("labels", m.labels());
        final Map<String, Object> labelValues = new LinkedHashMap<>();
        m.labels().forEach(label -> labelValues.put(label, List.copyOf(values.getOrDefault(label, new TreeSet<>()))));
        metric.put("label_values", labelValues);
        return metric;
    }
}
