package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.promql.Expr;
import dev.bridge.analytics.promql.LabelMatcher;
import dev.bridge.analytics.promql.PromSeries;
import dev.bridge.analytics.promql.PromqlException;
import dev.bridge.analytics.promql.PromqlParser;
import dev.bridge.analytics.series.SeriesInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The series the metadata paths ({@code series}, {@code labels}, {@code label/<name>/values}) answer about: every
 * Prometheus series of the engine ({@link PromSeries}) matching any of the {@code match[]} selectors (all of them
 * when none is given and {@code required} is false), and, when {@code start} or {@code end} is given, only those with
 * samples in [start, end] (Prometheus' semantics; the default is every series): a series is sampled from the end of
 * its earliest raw bucket that ever held data ({@link AnalyticsQueries#firstDataMs}, kept past retention) up to
 * now, at every sample interval (as remote write sends it and as a Prometheus fed by it holds it), so it has samples
 * in [start, end] when that first sample is at or before {@code min(end, now)} and {@code start} is at or before now.
 * Stateless, thread-safe.
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
        final long nowMs = queries.clock().time();
        final long startMs = PromParameters.time("start", p.get("start"), Long.MIN_VALUE);
        final long endMs = PromParameters.time("end", p.get("end"), Long.MAX_VALUE);
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
        final List<PromSeries> out = new ArrayList<>();
        for (final PromSeries s : all)
        {
            if (selectors.isEmpty() || selectors.stream().anyMatch(m -> LabelMatcher.matchAll(m, s.labels())))
            {
                out.add(s);
            }
        }
        if (startMs == Long.MIN_VALUE && endMs == Long.MAX_VALUE)
        {
            return out;
        }
        return sampledIn(queries, out, startMs, endMs, nowMs);
    }

    /** @return the series of {@code matching} with samples in [startMs, endMs] (see the class comment). */
    private static List<PromSeries> sampledIn(final AnalyticsQueries queries, final List<PromSeries> matching,
        final long startMs, final long endMs, final long nowMs)
    {
        if (startMs > nowMs || matching.isEmpty())
        {
            return List.of();
        }
        final List<SeriesInfo> infos = matching.stream().map(PromSeries::info).distinct().toList();
        final long[] firstMs = queries.firstDataMs(infos);
        final long rawWidthMs = queries.config().engine().resolutions().get(0).widthMs();
        final long lastMs = Math.min(endMs, nowMs);
        final Set<SeriesInfo> sampled = new HashSet<>();
        for (int i = 0; i < firstMs.length; i++)
        {
            if (firstMs[i] != Long.MAX_VALUE && firstMs[i] + rawWidthMs <= lastMs)
            {
                sampled.add(infos.get(i));
            }
        }
        final List<PromSeries> out = new ArrayList<>(matching.size());
        for (final PromSeries s : matching)
        {
            if (sampled.contains(s.info()))
            {
                out.add(s);
            }
        }
        return out;
    }
}
