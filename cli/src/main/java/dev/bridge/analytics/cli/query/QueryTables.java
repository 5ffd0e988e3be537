package dev.bridge.analytics.cli.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bridge.analytics.dashboard.Dashboard;
import dev.bridge.analytics.dashboard.DashboardJson;
import dev.bridge.analytics.query.PercentileResult;
import dev.bridge.analytics.query.SeriesPoint;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The readable (non-JSON) answers of the {@code query} commands: a title line, then aligned rows. Absent values
 * show as {@code -}; numbers below 1 keep 4 significant digits, others 3 decimals at most; a percentile that fell
 * above the histogram's {@code highest} shows as {@code >= highest}. Stateless; thread-safe.
 */
public final class QueryTables
{
    private static final String ROW = "  %-22s %s%n";
    /** Marks a percentile that fell above the histogram's {@code highest}: it is at least the value shown. */
    private static final String AT_LEAST = ">= ";

    private QueryTables()
    {
    }

    /** @return the fields of a flat JSON object (stats) as rows under {@code title}. */
    public static String fields(final String title, final JsonNode object)
    {
        final StringBuilder text = new StringBuilder(title).append(System.lineSeparator());
        rows(text, object);
        return text.toString();
    }

    /**
     * @return one row per percentile ({@code p50}, {@code p99.9}) under a title with the count, mode and bound;
     *         {@code >= 60000000} for one that fell above the histogram's {@code highest}.
     */
    public static String percentiles(final String title, final PercentileResult result)
    {
        final StringBuilder text = new StringBuilder().append(String.format("%s: %d values, %s%n", title, result.count(),
            PercentileResult.EXACT_MODE.equals(result.mode()) ? "exact" :
                result.mode() + ", relative error <= " + number(result.relativeError() * 100) + "%"));
        for (final Map.Entry<Double, Long> e : result.values().entrySet())
        {
            text.append(String.format(ROW, "p" + BigDecimal.valueOf(e.getKey()).movePointRight(2).stripTrailingZeros()
                .toPlainString(), e.getValue() == null ? "-" :
                (result.isAboveHighest(e.getKey()) ? AT_LEAST : "") + e.getValue()));
        }
        return text.toString();
    }

    /** @return one row per point: interval start (ISO-8601), value ({@code >= highest} above highest), count. */
    public static String series(final String title, final List<SeriesPoint> points)
    {
        final String row = "  %-26s %14s %10s%n";
        final StringBuilder text = new StringBuilder(title).append(System.lineSeparator())
            .append(String.format(row, "timestamp", "value", "count"));
        for (final SeriesPoint p : points)
        {
            text.append(String.format(row, Instant.ofEpochMilli(p.timestampMs()),
                (p.aboveHighest() ? AT_LEAST : "") + number(p.value()), p.count()));
        }
        return text.toString();
    }

    /** @return the dashboard's sections with the fields of its JSON form, under a line giving its range. */
    public static String dashboard(final Dashboard dashboard)
    {
        final Dashboard.Range range = dashboard.range();
        final StringBuilder text = new StringBuilder(String.format("dashboard %s at %s: %s buckets, %s%n", range.name(),
            Instant.ofEpochMilli(dashboard.timestamp()), duration(range.resolutionMs()),
            range.fromMs() == null ? "every stored bucket" :
                "from " + Instant.ofEpochMilli(range.fromMs()) + " to " + Instant.ofEpochMilli(range.toMs())));
        final JsonNode json = QueryJson.parse(DashboardJson.toJson(dashboard));
        for (final String section : List.of("operations", "performance", "cache", "optimizations", "health"))
        {
            text.append(section).append(section.equals("performance") ? " (microseconds)" : "")
                .append(System.lineSeparator());
            rows(text, json.get(section));
        }
        return text.toString();
    }

    /** @return {@code value} for a table: "-" when null, else at most 3 decimals (4 significant digits below 1). */
    public static String number(final Double value)
    {
        if (value == null)
        {
            return "-";
        }
        if (!Double.isFinite(value))
        {
            return value.toString();
        }
        final BigDecimal decimal = BigDecimal.valueOf(value);
        final BigDecimal rounded = Math.abs(value) < 1 ?
            decimal.round(new MathContext(4, RoundingMode.HALF_EVEN)) : decimal.setScale(3, RoundingMode.HALF_EVEN);
        final String text = rounded.stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    private static void rows(final StringBuilder text, final JsonNode object)
    {
        for (final Map.Entry<String, JsonNode> field : object.properties())
        {
            text.append(String.format(ROW, field.getKey(), cell(field.getValue())));
        }
    }

    private static String cell(final JsonNode value)
    {
        if (value.isNull())
        {
            return "-";
        }
        if (value.isIntegralNumber())
        {
            return value.asText();
        }
        return value.isNumber() ? number(value.doubleValue()) : value.asText();
    }

    private static String duration(final long ms)
    {
        return ms % 3_600_000 == 0 ? ms / 3_600_000 + " h" : ms % 60_000 == 0 ? ms / 60_000 + " min" :
            ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
