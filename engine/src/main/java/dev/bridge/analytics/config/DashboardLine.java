package dev.bridge.analytics.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a dashboard panel: a catalog metric reduced per interval by an aggregation, optionally restricted to
 * the series whose labels match; or a ratio ({@link #RATIO}): per interval, the sum of the numerator metrics over the
 * sum of the denominator metrics (a cache hit rate: {@code cache_hit / (cache_hit + cache_miss)}). Immutable,
 * thread-safe.
 *
 * @param label       the legend text (defaults to the metric and aggregation, e.g. {@code read_latency_us p99}).
 * @param metric      a catalog metric (for a ratio, its first numerator metric).
 * @param aggregation a {@code /api/query} aggregation: avg, sum, min, max, count, rate, last or pNN; {@link #RATIO}.
 * @param labels      label name to value; empty for every series of the metric.
 * @param numerator   a ratio's numerator metrics (summed); empty for other lines.
 * @param denominator a ratio's denominator metrics (summed); empty for other lines.
 */
public record DashboardLine(String label, String metric, String aggregation, Map<String, String> labels,
    List<String> numerator, List<String> denominator)
{
    /** The aggregation of a ratio line. */
    public static final String RATIO = "ratio";

    public DashboardLine
    {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(aggregation, "aggregation");
        labels = Map.copyOf(labels);
        numerator = List.copyOf(numerator);
        denominator = List.copyOf(denominator);
    }

    /** A line of one metric. */
    public DashboardLine(final String label, final String metric, final String aggregation,
        final Map<String, String> labels)
    {
        this(label, metric, aggregation, labels, List.of(), List.of());
    }
}
