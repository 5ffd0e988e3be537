package dev.bridge.analytics.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bridge.analytics.query.MetricNames;
import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.Aggregation;
import dev.bridge.analytics.query.SeriesPoint;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/query?metric=M[&from=T&to=T&interval=D&agg=A&labels=k=v,...]}: one point per interval over [from, to)
 * ({@link AnalyticsQueries#timeSeries}). Defaults: {@code from=-1h}, {@code to=now}, {@code interval=60s},
 * {@code agg=avg}; times as {@link TimeParameter} reads them, the interval as {@link IntervalParameter}, the
 * aggregation as {@link Aggregation#parse} ({@code avg, sum, min, max, count, rate, last, pNN}), labels as
 * {@link LabelsParameter}. The answer:
 * <pre>{@code
 * {"metric":"variable_read","labels":{},"agg":"rate","interval_ms":1000,"from_ms":1700000000000,
 *  "to_ms":1700000002000,"points":[{"timestamp":1700000000000,"value":null,"count":0},
 *  {"timestamp":1700000001000,"value":60.0,"count":2}]}
 * }</pre>
 * An interval without data has count 0 and a null value. A percentile that fell above the histogram's
 * {@code highest} is written as {@code highest} with {@code "above_highest":true} (meaning: at least that value; the
 * field is left out otherwise). More points than {@code max_query_points}, {@code from}
 * after {@code to}, a percentile of a non-histogram or an unknown label are refused (400) by the query API.
 * Immutable, thread-safe.
 */
final class QueryEndpoint implements Endpoint
{
    static final String METRIC = "metric";
    static final String FROM = "from";
    static final String TO = "to";
    static final String INTERVAL = "interval";
    static final String AGG = "agg";

    private final AnalyticsQueries queries;
    private final MetricNames names;

    QueryEndpoint(final AnalyticsQueries queries)
    {
        this.queries = queries;
        this.names = MetricNames.of(queries.config());
    }

    @Override
    public List<String> parameters()
    {
        return List.of(METRIC, FROM, TO, INTERVAL, AGG, LabelsParameter.NAME);
    }

    @Override
    public Reply serve(final Request request)
    {
        final QueryParameters p = request.parameters();
        final String metric = p.required(METRIC);
        names.unknown(metric).ifPresent(message ->
        {
            throw HttpError.badParameter(METRIC, message);
        });
        final Duration interval = IntervalParameter.parse(INTERVAL, p.get(INTERVAL, "60s"));
        final Aggregation aggregation;
        try
        {
            aggregation = Aggregation.parse(p.get(AGG, "avg"));
        }
        catch (final IllegalArgumentException ex)
        {
            throw HttpError.badParameter(AGG, ex.getMessage());
        }
        final Map<String, String> labels = LabelsParameter.parse(p.get(LabelsParameter.NAME));
        final long nowMs = queries.clock().time();
        final long fromMs = TimeParameter.resolve(FROM, p.get(FROM, "-1h"), nowMs, interval.toMillis());
        final long toMs = TimeParameter.resolve(TO, p.get(TO, "now"), nowMs, interval.toMillis());
        final List<SeriesPoint> points = queries.timeSeries(
            metric, labels, Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs), interval, aggregation);

        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("metric", metric);
        answer.put("labels", labels);
        answer.put("agg", aggregation.toString());
        answer.put("interval_ms", interval.toMillis());
        answer.put("from_ms", fromMs);
        answer.put("to_ms", toMs);
        answer.put("points", points.stream().map(Point::of).toList());
        return Reply.json(Json.write(answer));
    }

    /** One point as the API writes it; {@code above_highest} only when true. */
    record Point(
        long timestamp, Double value, long count,
        @JsonProperty("above_highest") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean aboveHighest)
    {
        static Point of(final SeriesPoint p)
        {
            return new Point(p.timestampMs(), p.value(), p.count(), p.aboveHighest() ? Boolean.TRUE : null);
        }
    }
}
