package dev.bridge.analytics.alert;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.AlertAggregation;
import dev.bridge.analytics.config.AlertExpr;
import dev.bridge.analytics.config.MetricSelector;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.dashboard.Dashboard;
import dev.bridge.analytics.dashboard.DashboardQuery;
import dev.bridge.analytics.query.StoreQueries;
import dev.bridge.analytics.series.SeriesInfo;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates rule expressions through {@link StoreQueries} (store reads under the engine's query guard, never
 * on a pipeline thread) over {@code TimeRange.last(window)} as of the queries' clock. A dashboard is computed once
 * per window per evaluation cycle and shared by the rules that read it. Confined to the evaluating thread.
 */
final class ExpressionEvaluator
{
    private final StoreQueries queries;
    private final Map<Duration, Dashboard> dashboards = new HashMap<>();

    ExpressionEvaluator(final StoreQueries queries)
    {
        this.queries = queries;
    }

    /** Starts an evaluation cycle: dashboards of the previous one are not reused. */
    void startCycle()
    {
        dashboards.clear();
    }

    /**
     * @return the expression's value for each label set of its {@code by} labels (the empty set without
     *         {@code by}); a null value means no data.
     * @throws RuntimeException from the queries (unknown metric, closed engine...).
     */
    Map<Map<String, String>, Double> evaluate(final AlertExpr expr)
    {
        final TimeRange range = TimeRange.last(expr.window());
        if (expr.field() != null)
        {
            final Dashboard dashboard = dashboards.computeIfAbsent(expr.window(), w -> DashboardQuery.run(queries, range));
            return single(DashboardFields.read(dashboard, expr.field()));
        }
        if (expr.by().isEmpty())
        {
            return single(value(expr, expr.metric().labels(), Map.of(), range));
        }
        final Map<Map<String, String>, Double> values = new LinkedHashMap<>();
        for (final Map<String, String> group : groups(expr))
        {
            values.put(group, value(expr, expr.metric().labels(), group, range));
        }
        return values;
    }

    private static Map<Map<String, String>, Double> single(final Double value)
    {
        final Map<Map<String, String>, Double> values = new HashMap<>();
        values.put(Map.of(), value);
        return values;
    }

    /** @return the distinct values of the {@code by} labels among the series the filter selects. */
    private Set<Map<String, String>> groups(final AlertExpr expr)
    {
        final Set<Map<String, String>> groups = new LinkedHashSet<>();
        for (final SeriesInfo s : queries.series())
        {
            if (s.metric().name().equals(expr.metric().metric()) && LabelSets.includes(s.labels(), expr.metric().labels()))
            {
                final Map<String, String> group = new TreeMap<>();
                expr.by().forEach(label -> group.put(label, s.labels().getOrDefault(label, "")));
                groups.add(group);
            }
        }
        return groups;
    }

    private Double value(
        final AlertExpr expr, final Map<String, String> filter, final Map<String, String> group, final TimeRange range)
    {
        final String metric = expr.metric().metric();
        final Map<String, String> labels = merge(filter, group);
        final AlertAggregation aggregation = expr.aggregation();
        switch (aggregation.kind())
        {
            case RATE:
                return queries.rate(metric, labels, range);
            case PERCENTILE:
                final Long p = queries.percentile(metric, labels, range, aggregation.percentile() / 100.0);
                return p == null ? null : p.doubleValue();
            case RATIO:
                final MetricSelector d = expr.denominator();
                final Map<String, String> denominatorGroup = new TreeMap<>();
                final var definition = queries.config().metric(d.metric());
                group.forEach((k, v) ->
                {
                    if (definition.isPresent() && definition.get().labels().contains(k))
                    {
                        denominatorGroup.put(k, v);
                    }
                });
                final Long numerator = total(metric, labels, range);
                final Long denominator = total(d.metric(), merge(d.labels(), denominatorGroup), range);
                return denominator == null || denominator == 0 ? null :
                    (numerator == null ? 0.0 : (double)numerator / denominator);
            default:
                final Stats s = queries.stats(metric, labels, range);
                return switch (aggregation.kind())
                {
                    case AVG -> s.mean();
                    case SUM -> s.count() == 0 ? null : (double)s.sum();
                    case MIN -> s.min() == null ? null : s.min().doubleValue();
                    case MAX -> s.max() == null ? null : s.max().doubleValue();
                    case COUNT -> (double)s.count();
                    case LAST -> s.last() == null ? null : s.last().doubleValue();
                    default -> throw new IllegalStateException("unhandled aggregation " + aggregation);
                };
        }
    }

    /** @return the total as rate counts it: a counter's counted sum, else the number of values; null without data. */
    private Long total(final String metric, final Map<String, String> labels, final TimeRange range)
    {
        final Stats s = queries.stats(metric, labels, range);
        if (s.count() == 0)
        {
            return null;
        }
        final boolean counter = queries.config().metric(metric).map(m -> m.type() == MetricType.COUNTER).orElse(false);
        return counter ? s.sum() : s.count();
    }

    private static Map<String, String> merge(final Map<String, String> a, final Map<String, String> b)
    {
        if (b.isEmpty())
        {
            return a;
        }
        final Map<String, String> merged = new TreeMap<>(a);
        merged.putAll(b);
        return merged;
    }
}
