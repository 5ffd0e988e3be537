package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.promql.PromSeries;
import dev.bridge.analytics.promql.PromqlException;
import dev.bridge.analytics.promql.PromqlParser;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code /api/v1/labels[?match[]=..&start=&end=&limit=]}: the label names of the matching series (all without
 * {@code match[]}), sorted; and, when {@code labelName} is set, {@code /api/v1/label/<name>/values}: the values of
 * that label ({@code __name__}: the metric names), sorted; a name that is not a label name is
 * {@code bad_data} {@code invalid label name: "x"}. Immutable, thread-safe.
 */
final class PromLabelsEndpoint extends PromApiEndpoint
{
    private final AnalyticsQueries queries;
    private final boolean values;

    /** @param values false for {@code /api/v1/labels}, true for {@code /api/v1/label/<name>/values}. */
    PromLabelsEndpoint(final AnalyticsQueries queries, final boolean values)
    {
        this.queries = queries;
        this.values = values;
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
        final TreeSet<String> found = new TreeSet<>();
        if (values)
        {
            final String encoded = request.path().substring(Router.LABEL_VALUES_PREFIX.length(),
                request.path().length() - Router.LABEL_VALUES_SUFFIX.length());
            final String name = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (!PromqlParser.validLabelName(name))
            {
                throw new PromqlException(PromqlException.Kind.BAD_DATA, "invalid label name: " + PromJson.string(name));
            }
            for (final PromSeries s : PromSeriesMatch.select(queries, request, false))
            {
                final String value = s.labels().get(name);
                if (!value.isEmpty())
                {
                    found.add(value);
                }
            }
        }
        else
        {
            PromSeriesMatch.select(queries, request, false).forEach(s -> found.addAll(s.labels().map().keySet()));
        }
        final StringBuilder out = new StringBuilder("[");
        found.stream().limit(limit).forEach(v ->
        {
            if (out.length() > 1)
            {
                out.append(',');
            }
            out.append(PromJson.string(v));
        });
        return out.append(']').toString();
    }
}
