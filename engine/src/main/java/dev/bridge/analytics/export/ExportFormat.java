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
    /**
     * Prometheus protobuf exposition ({@code io.prometheus.client.MetricFamily}, length-delimited): histograms with
     * native buckets too. Binary, so served only to a scrape of {@code /metrics} that asks for it: {@link #parse}
     * does not know it (the command line and {@code /api/export} write text).
     */
    PROTOBUF("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited"),
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
     * @return the format spelled {@code text} (case-insensitive); every format but {@link #PROTOBUF}.
     * @throws IllegalArgumentException naming the known formats.
     */
    public static ExportFormat parse(final String text)
    {
        for (final ExportFormat f : values())
        {
            if (f != PROTOBUF && f.spelling().equalsIgnoreCase(text.trim()))
            {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown export format '" + text + "'; known: " + knownSpellings());
    }

    /** @return the spellings {@link #parse} knows, comma-separated: {@code prometheus, openmetrics, json, ...}. */
    public static String knownSpellings()
    {
        return Arrays.stream(values()).filter(f -> f != PROTOBUF).map(ExportFormat::spelling)
            .collect(Collectors.joining(", "));
    }
}
