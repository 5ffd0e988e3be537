package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.promql.BucketWidths;
import dev.bridge.analytics.promql.Expr;
import dev.bridge.analytics.promql.PromqlEvaluator;
import dev.bridge.analytics.promql.PromqlException;
import dev.bridge.analytics.promql.PromqlParser;
import dev.bridge.analytics.promql.QueryDeadline;
import dev.bridge.analytics.promql.SeriesSamples;
import dev.bridge.analytics.promql.StorePromqlSource;
import dev.bridge.analytics.promql.Value;
import dev.bridge.analytics.promql.ValueType;

import java.util.List;

/**
 * {@code /api/v1/query?query=EXPR[&time=T]} and {@code /api/v1/query_range?query=EXPR&start=T&end=T&step=D}
 * (GET or form POST), evaluated over the store ({@link StorePromqlSource}, {@link PromqlEvaluator}) and answered as
 * Prometheus answers: {@code {"resultType":"vector","result":[{"metric":{..},"value":[t,"v"]}]}}, {@code scalar}
 * {@code [t,"v"]}, {@code string}, or {@code matrix} with {@code "values"}. {@code time} defaults to now. A range query
 * is refused ({@code bad_data}) when end is before start, the step is not positive, it has more than 11,000 points per
 * series (Prometheus' own limit) or more than {@code max_query_points}, or the expression is a range vector. With
 * {@code timeout} (float seconds or a PromQL duration), evaluation is abandoned once it has passed since the request
 * arrived: 503 {@code timeout} {@code query timed out in expression evaluation} ({@link QueryDeadline}; checked per
 * step and per selected series, on the request's thread). Immutable, thread-safe.
 */
final class PromQueryEndpoint extends PromApiEndpoint
{
    /** Prometheus' own bound on points per series. */
    static final long MAX_RESOLUTION_POINTS = 11_000;

    private final AnalyticsQueries queries;
    private final boolean range;

    /** @param range false for {@code /api/v1/query}, true for {@code /api/v1/query_range}. */
    PromQueryEndpoint(final AnalyticsQueries queries, final boolean range)
    {
        this.queries = queries;
        this.range = range;
    }

    @Override
    public List<String> parameters()
    {
        return range ? List.of("query", "start", "end", "step", "timeout") : List.of("query", "time", "timeout");
    }

    @Override
    String data(final Request request)
    {
        final long arrivedNanos = System.nanoTime();
        final QueryParameters p = request.parameters();
        final long nowMs = queries.clock().time();
        if (!range)
        {
            final long timeMs = PromParameters.time("time", p.get("time"), nowMs);
            final QueryDeadline deadline = deadline(p, arrivedNanos);
            final Expr expr = parse(p.get("query", ""));
            final StorePromqlSource source = new StorePromqlSource(queries,
                BucketWidths.forInstant(expr, timeMs, PromqlEvaluator.DEFAULT_LOOKBACK_MS), deadline);
            final Value value = new PromqlEvaluator(source, PromqlEvaluator.DEFAULT_LOOKBACK_MS, deadline)
                .instant(expr, timeMs);
            return render(value, timeMs);
        }
        final long startMs = PromParameters.time("start", required(p, "start"), 0);
        final long endMs = PromParameters.time("end", required(p, "end"), 0);
        if (endMs < startMs)
        {
            throw new PromqlException(PromqlException.Kind.BAD_DATA, "end timestamp must not be before start time");
        }
        final long stepMs = PromParameters.duration("step", required(p, "step"));
        if (stepMs <= 0)
        {
            throw new PromqlException(PromqlException.Kind.BAD_DATA,
                "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if ((endMs - startMs) / stepMs > MAX_RESOLUTION_POINTS)
        {
            throw new PromqlException(PromqlException.Kind.BAD_DATA, "exceeded maximum resolution of 11,000 points per " +
                "timeseries. Try decreasing the query resolution (?step=XX)");
        }
        final long points = (endMs - startMs) / stepMs + 1;
        final int maxPoints = queries.config().engine().maxQueryPoints();
        if (points > maxPoints)
        {
            throw new PromqlException(PromqlException.Kind.BAD_DATA, "the query would return " + points +
                " points per series, more than the maximum of " + maxPoints +
                " (max_query_points): use a larger step or a shorter range");
        }
        final QueryDeadline deadline = deadline(p, arrivedNanos);
        final Expr expr = parse(p.get("query", ""));
        if (expr.type() != ValueType.SCALAR && expr.type() != ValueType.VECTOR)
        {
            throw PromParameters.invalid("query", "invalid expression type \"" + expr.type().description() +
                "\" for range query, must be Scalar or instant Vector");
        }
        final StorePromqlSource source = new StorePromqlSource(queries,
            BucketWidths.forRange(expr, startMs, stepMs, PromqlEvaluator.DEFAULT_LOOKBACK_MS), deadline);
        final Value.Matrix matrix = new PromqlEvaluator(source, PromqlEvaluator.DEFAULT_LOOKBACK_MS, deadline)
            .range(expr, startMs, endMs, stepMs);
        return render(matrix, endMs);
    }

    private static String required(final QueryParameters p, final String name)
    {
        final String value = p.get(name);
        if (value == null || value.isEmpty())
        {
            throw PromParameters.invalid(name, "cannot parse \"\" to a valid " +
                (name.equals("step") ? "duration" : "timestamp"));
        }
        return value;
    }

    /**
     * @return the query's deadline: {@code timeout} (float seconds or a PromQL duration; 0 or less has passed
     *         already, as in Prometheus) after {@code arrivedNanos}; none without {@code timeout}.
     */
    private static QueryDeadline deadline(final QueryParameters p, final long arrivedNanos)
    {
        final String timeout = p.get("timeout");
        if (timeout == null || timeout.isEmpty())
        {
            return QueryDeadline.NONE;
        }
        return new QueryDeadline(System::nanoTime, arrivedNanos, PromParameters.durationNanos("timeout", timeout));
    }

    private static Expr parse(final String query)
    {
        try
        {
            return PromqlParser.parse(query);
        }
        catch (final PromqlException ex)
        {
            throw PromParameters.invalid("query", ex.getMessage());
        }
    }

    /** @return the {@code data} of a query result evaluated at {@code timeMs}. */
    static String render(final Value value, final long timeMs)
    {
        final StringBuilder out = new StringBuilder("{\"resultType\":\"").append(value.type().resultType())
            .append("\",\"result\":");
        if (value instanceof Value.Scalar s)
        {
            out.append(PromJson.point(timeMs, s.value()));
        }
        else if (value instanceof Value.StringValue s)
        {
            out.append('[').append(PromJson.time(timeMs)).append(',').append(PromJson.string(s.value())).append(']');
        }
        else if (value instanceof Value.Vector v)
        {
            out.append('[');
            boolean first = true;
            for (final Value.Sample sample : v.samples())
            {
                out.append(first ? "" : ",").append("{\"metric\":").append(PromJson.labels(sample.labels()));
                if (sample.isHistogram())
                {
                    out.append(",\"histogram\":").append(PromJson.histogramPoint(timeMs, sample.histogram()));
                }
                else
                {
                    out.append(",\"value\":").append(PromJson.point(timeMs, sample.value()));
                }
                out.append('}');
                first = false;
            }
            out.append(']');
        }
        else
        {
            out.append('[');
            boolean first = true;
            for (final SeriesSamples series : ((Value.Matrix)value).series())
            {
                out.append(first ? "" : ",").append("{\"metric\":").append(PromJson.labels(series.labels()));
                // floats under "values", native histograms under "histograms", each only when present (as 2.42)
                boolean any = false;
                for (int i = 0; i < series.size(); i++)
                {
                    if (series.histogram(i) == null)
                    {
                        out.append(any ? "," : ",\"values\":[")
                            .append(PromJson.point(series.timestampsMs()[i], series.values()[i]));
                        any = true;
                    }
                }
                out.append(any ? "]" : "");
                any = false;
                for (int i = 0; i < series.size(); i++)
                {
                    if (series.histogram(i) != null)
                    {
                        out.append(any ? "," : ",\"histograms\":[")
                            .append(PromJson.histogramPoint(series.timestampsMs()[i], series.histogram(i)));
                        any = true;
                    }
                }
                out.append(any ? "]}" : "}");
                first = false;
            }
            out.append(']');
        }
        return out.append('}').toString();
    }
}
