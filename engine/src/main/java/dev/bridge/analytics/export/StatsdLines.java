package dev.bridge.analytics.export;

import dev.bridge.analytics.config.StatsdFlavour;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Formats StatsD lines for a series (the grammar of {@code shared/formats.md}); used by the StatsD export and the
 * push, which differ only in the window the values cover (the export's range, or one push interval).
 * <ul>
 *   <li>Name: the export prefix and the catalog name ({@code dspex_variable_read}), characters outside
 *       {@code [a-zA-Z0-9_.-]} replaced by {@code _}. Etsy folds labels into the name as {@code .<label>.<value>}
 *       segments in declared order (segment characters outside {@code [a-zA-Z0-9_-]} replaced by {@code _}, so a
 *       value adds exactly one level); DogStatsD adds them as tags {@code |#label:value,...} (characters outside
 *       {@code [a-zA-Z0-9_.:/-]} replaced by {@code _}). Labels with an empty value are left out.</li>
 *   <li>Counters: {@code name:<total>|c}, the window's total.</li>
 *   <li>Gauges: {@code name:<last>|g}, the last value; a negative value is sent as {@code name:0|g} then
 *       {@code name:-N|g} (a signed gauge value is a delta in StatsD), the two lines as one unit that is never
 *       split across packets.</li>
 *   <li>Histograms (only aggregates are kept, not the values): {@code name.count:<n>|c} and
 *       {@code name.sum:<sum>|c} over the window, then gauges {@code name.min}, {@code name.max} and one per
 *       percentile ({@code name.p50}, {@code name.p99_9}: the percent with {@code _} for the point), in the
 *       metric's own unit. Etsy puts the statistic after the label segments.</li>
 *   <li>Values are integers; a line holds no line feed.</li>
 * </ul>
 * Immutable, thread-safe.
 */
final class StatsdLines
{
    private final StatsdFlavour flavour;
    private final String prefix;

    StatsdLines(final StatsdFlavour flavour, final String prefix)
    {
        this.flavour = flavour;
        this.prefix = prefix;
    }

    /** Emits the counter line of {@code series} with {@code value}. */
    void counter(final SeriesExport series, final long value, final Consumer<String> sink)
    {
        sink.accept(line(series, null, Long.toString(value), "c"));
    }

    /** Emits the gauge line(s) of {@code series} set to {@code value}. */
    void gauge(final SeriesExport series, final long value, final Consumer<String> sink)
    {
        sink.accept(gaugeUnit(series, null, value));
    }

    /** Emits the lines of a histogram series over a window. */
    void histogram(
        final SeriesExport series, final long count, final long sum, final long min, final long max,
        final Map<Double, Long> percentiles, final Consumer<String> sink)
    {
        sink.accept(line(series, "count", Long.toString(count), "c"));
        sink.accept(line(series, "sum", Long.toString(sum), "c"));
        sink.accept(gaugeUnit(series, "min", min));
        sink.accept(gaugeUnit(series, "max", max));
        for (final Map.Entry<Double, Long> p : percentiles.entrySet())
        {
            if (p.getValue() != null)
            {
                sink.accept(gaugeUnit(series, percentileName(p.getKey()), p.getValue()));
            }
        }
    }

    /** @return {@code p} + the percent of {@code fraction} with {@code _} for its point: 0.5 p50, 0.999 p99_9. */
    static String percentileName(final double fraction)
    {
        return "p" + BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString().replace('.', '_');
    }

    private String gaugeUnit(final SeriesExport series, final String statistic, final long value)
    {
        final String set = line(series, statistic, Long.toString(value), "g");
        return value >= 0 ? set : line(series, statistic, "0", "g") + '\n' + set;
    }

    private String line(final SeriesExport series, final String statistic, final String value, final String type)
    {
        final StringBuilder line = new StringBuilder(64);
        sanitize(prefix + series.metric().name(), line, false);
        if (flavour == StatsdFlavour.ETSY)
        {
            for (final Map.Entry<String, String> label : series.labels().entrySet())
            {
                if (!label.getValue().isEmpty())
                {
                    line.append('.');
                    sanitize(label.getKey(), line, true);
                    line.append('.');
                    sanitize(label.getValue(), line, true);
                }
            }
        }
        if (statistic != null)
        {
            line.append('.').append(statistic);
        }
        line.append(':').append(value).append('|').append(type);
        if (flavour == StatsdFlavour.DOGSTATSD)
        {
            boolean first = true;
            for (final Map.Entry<String, String> label : series.labels().entrySet())
            {
                if (!label.getValue().isEmpty())
                {
                    line.append(first ? "|#" : ",");
                    first = false;
                    tag(label.getKey(), line);
                    line.append(':');
                    tag(label.getValue(), line);
                }
            }
        }
        return line.toString();
    }

    private static void sanitize(final String text, final StringBuilder into, final boolean segment)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            final boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
                c == '_' || c == '-' || (c == '.' && !segment);
            into.append(allowed ? c : '_');
        }
    }

    private static void tag(final String text, final StringBuilder into)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            final boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
                c == '_' || c == '-' || c == '.' || c == ':' || c == '/';
            into.append(allowed ? c : '_');
        }
    }
}
