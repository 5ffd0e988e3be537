package dev.bridge.analytics.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the exports name and shape metrics ({@code export:}). Immutable, thread-safe.
 *
 * @param prefix           prepended to every exported Prometheus name; default empty (the bundled DSPex
 *                         configuration sets {@code dspex_}).
 * @param summaryQuantiles when not empty, histogram metrics are also exported as summaries with these quantiles
 *                         (fractions in [0, 1], increasing); default empty.
 * @param histogramBuckets bucket upper bounds per histogram metric, in the metric's own unit (microseconds for
 *                         {@code read_latency_us}), increasing; a histogram metric not listed gets
 *                         {@link #defaultBuckets(HistogramSpec)}.
 * @param statsd           the periodic StatsD push.
 * @param remoteWrite      the Prometheus remote-write exporter.
 */
public record ExportSettings(
    String prefix, List<Double> summaryQuantiles, Map<String, List<Double>> histogramBuckets, StatsdPushSettings statsd,
    RemoteWriteSettings remoteWrite)
{
    /** The defaults: no prefix, no summaries, default buckets, no push. */
    public static final ExportSettings DEFAULT =
        new ExportSettings("", List.of(), Map.of(), StatsdPushSettings.DEFAULT);

    /** Settings without remote write ({@link RemoteWriteSettings#DEFAULT}). */
    public ExportSettings(
        final String prefix, final List<Double> summaryQuantiles, final Map<String, List<Double>> histogramBuckets,
        final StatsdPushSettings statsd)
    {
        this(prefix, summaryQuantiles, histogramBuckets, statsd, RemoteWriteSettings.DEFAULT);
    }

    /** @return these settings with {@code newRemoteWrite}. */
    public ExportSettings withRemoteWrite(final RemoteWriteSettings newRemoteWrite)
    {
        return new ExportSettings(prefix, summaryQuantiles, histogramBuckets, statsd, newRemoteWrite);
    }

    public ExportSettings
    {
        Objects.requireNonNull(prefix, "prefix");
        summaryQuantiles = List.copyOf(summaryQuantiles);
        histogramBuckets = Map.copyOf(histogramBuckets);
        Objects.requireNonNull(statsd, "statsd");
        Objects.requireNonNull(remoteWrite, "remote_write");
        if (!prefix.isEmpty() && !prefix.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"))
        {
            throw new InvalidSettingException("prefix must match [a-zA-Z_:][a-zA-Z0-9_:]*, was '" + prefix + "'",
                "prefix");
        }
        double previous = -1;
        for (final double q : summaryQuantiles)
        {
            if (!(q >= 0 && q <= 1) || q <= previous)
            {
                throw new InvalidSettingException(
                    "summary_quantiles must be increasing fractions in [0, 1], was " + summaryQuantiles,
                    "summary_quantiles");
            }
            previous = q;
        }
        for (final Map.Entry<String, List<Double>> e : histogramBuckets.entrySet())
        {
            double last = Double.NEGATIVE_INFINITY;
            if (e.getValue().isEmpty())
            {
                throw new InvalidSettingException("histogram_buckets." + e.getKey() + " must not be empty",
                    "histogram_buckets." + e.getKey());
            }
            for (final double bound : e.getValue())
            {
                if (!Double.isFinite(bound) || bound <= last)
                {
                    throw new InvalidSettingException("histogram_buckets." + e.getKey() +
                        " must be finite and increasing, was " + e.getValue(), "histogram_buckets." + e.getKey());
                }
                last = bound;
            }
        }
    }

    /**
     * @return the bucket upper bounds of {@code metric} (a histogram), in its own unit: the configured ones, else
     *         {@link #defaultBuckets(HistogramSpec)}. The exporters add {@code +Inf}.
     */
    public List<Double> bucketsFor(final MetricDefinition metric)
    {
        final List<Double> configured = histogramBuckets.get(metric.name());
        return configured != null ? configured : defaultBuckets(metric.histogram());
    }

    /**
     * @return 1-2.5-5 steps per decade from the histogram's lowest discernible value (at least 1) up to the first
     *         step at or above its highest trackable value, at most 24 bounds (the coarsest decades dropped first).
     */
    public static List<Double> defaultBuckets(final HistogramSpec spec)
    {
        final List<Double> bounds = new ArrayList<>();
        final double lowest = Math.max(1, spec.lowestDiscernibleValue());
        for (double decade = Math.pow(10, Math.floor(Math.log10(lowest))); ; decade *= 10)
        {
            for (final double step : new double[]{ 1, 2.5, 5 })
            {
                final double bound = decade * step;
                if (bound >= lowest)
                {
                    bounds.add(bound);
                }
                if (bound >= spec.highestTrackableValue())
                {
                    return bounds.size() > 24 ? List.copyOf(bounds.subList(0, 24)) : List.copyOf(bounds);
                }
            }
        }
    }

    /**
     * The {@code export:} section of a configuration file, with its {@code statsd:} and {@code remote_write:}.
     *
     * @param metrics the catalog, that {@code histogram_buckets} and {@code external_labels} are checked against.
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static ExportSettings from(final ConfigDto.Export e, final Checks checks, final List<MetricDefinition> metrics)
        throws ConfigException
    {
        if (e.histogramBuckets != null)
        {
            for (final String name : e.histogramBuckets.keySet())
            {
                final boolean histogram = metrics.stream()
                    .anyMatch(m -> m.name().equals(name) && m.type() == MetricType.HISTOGRAM);
                if (!histogram)
                {
                    throw checks.atKey("export.histogram_buckets." + name,
                        "'" + name + "' is not a histogram metric of the catalog");
                }
            }
        }
        final StatsdPushSettings statsd =
            StatsdPushSettings.from(e.statsd == null ? new ConfigDto.Statsd() : e.statsd, checks);
        final RemoteWriteSettings remoteWrite = RemoteWriteSettings.from(
            e.remoteWrite == null ? new ConfigDto.RemoteWrite() : e.remoteWrite, checks, metrics);
        final ExportSettings d = DEFAULT;
        return checks.build("export", () -> new ExportSettings(
            e.prefix != null ? e.prefix : d.prefix(),
            e.summaryQuantiles != null ? e.summaryQuantiles : d.summaryQuantiles(),
            e.histogramBuckets != null ? e.histogramBuckets : d.histogramBuckets(),
            statsd, remoteWrite));
    }
}
