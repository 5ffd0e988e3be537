package dev.bridge.analytics.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats {@code export} writes, with their HTTP content types. Thread-safe (constants). */
public enum ExportFormat
{
    /** Prometheus text exposition format 0.0.4. */
    PROMETHEUS("text/plain; version=0.0.4; charset=utf-8"),
    /** OpenMetrics 1.0 text. */
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    /** JSON: series, stats, percentiles and the dashboard. */
    JSON("application/json"),
    /** CSV: one row per series per bucket, with a header (RFC 4180). */
    CSV("text/csv; charset=utf-8; header=present"),
    /** StatsD lines, Etsy flavour. */
    STATSD("text/plain; charset=utf-8"),
    /** StatsD lines, DogStatsD flavour (labels as tags). */
    DOGSTATSD("text/plain; charset=utf-8");

    private final String contentType;

    ExportFormat(final String contentType)
    {
        this.contentType = contentType;
    }

    /** @return the HTTP Content-Type of this format. */
    public String contentType()
    {
        return contentType;
    }

    /** @return the lower-case name used on the command line and in URLs ({@code openmetrics}). */
    public String spelling()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the format spelled {@code text} (case-insensitive).
     * @throws IllegalArgumentException naming the known formats.
     */
    public static ExportFormat parse(final String text)
    {
        for (final ExportFormat f : values())
        {
            if (f.spelling().equalsIgnoreCase(text.trim()))
            {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown export format '" + text + "'; known: " +
            Arrays.stream(values()).map(ExportFormat::spelling).collect(Collectors.joining(", ")));
    }
}
