package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.promql.Expr;
import dev.bridge.analytics.promql.LabelMatcher;
import dev.bridge.analytics.promql.PromSeries;
import dev.bridge.analytics.promql.PromqlException;
import dev.bridge.analytics.promql.PromqlParser;

import java.util.ArrayList;
import java.util.List;

/**
 * The series the metadata paths ({@code series}, {@code labels}, {@code label/<name>/values}) answer about: every
 * Prometheus series of the engine ({@link PromSeries}) matching any of the {@code match[]} selectors (all of them
 * when none is given and {@code required} is false). {@code start} and {@code end} are checked but not used: every
 * series the engine keeps is listed, whenever its data lies. Stateless, thread-safe.
 */
final class PromSeriesMatch
{
    static final String MATCH = "match[]";

    private PromSeriesMatch()
    {
    }

    /**
     * @throws PromqlException bad_data for a missing (when required) or unparseable {@code match[]}, or a bad
     *                         {@code start}/{@code end}.
     */
    static List<PromSeries> select(final AnalyticsQueries queries, final Request request, final boolean required)
    {
        final QueryParameters p = request.parameters();
        PromParameters.time("start", p.get("start"), 0);
        PromParameters.time("end", p.get("end"), 0);
        final List<String> texts = p.all(MATCH);
        if (texts.isEmpty() && required)
        {
            throw new PromqlException(PromqlException.Kind.BAD_DATA, "no match[] parameter provided");
        }
        final List<List<LabelMatcher>> selectors = new ArrayList<>();
        for (final String text : texts)
        {
            try
            {
                final Expr.VectorSelector selector = PromqlParser.parseSelector(text);
                selectors.add(selector.matchers());
            }
            catch (final PromqlException ex)
            {
                throw PromParameters.invalid(MATCH, ex.getMessage());
            }
        }
        final List<PromSeries> all = PromSeries.of(queries.series(), queries.config().export());
        if (selectors.isEmpty())
        {
            return all;
        }
        final List<PromSeries> out = new ArrayList<>();
        for (final PromSeries s : all)
        {
            if (selectors.stream().anyMatch(m -> LabelMatcher.matchAll(m, s.labels())))
            {
                out.add(s);
            }
        }
        return out;
    }
}
