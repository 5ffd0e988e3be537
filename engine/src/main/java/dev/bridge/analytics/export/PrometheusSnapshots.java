package dev.bridge.analytics.export;

import dev.bridge.analytics.alert.Alert;
import dev.bridge.analytics.alert.AlertState;
import dev.bridge.analytics.alert.AlertsSnapshot;
import dev.bridge.analytics.config.BaseUnits;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.PrometheusNames;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.query.NativeBuckets;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the Prometheus client_java model ({@code io.prometheus.metrics.model.snapshots}) of an
 * {@link ExportSnapshot}, which the Prometheus project's writers then print:
 * <ul>
 *   <li>one family per catalog metric, named by {@link PrometheusNames#familyName} with the configured prefix
 *       ({@code dspex_variable_read_total}, {@code dspex_read_latency_seconds}, {@code dspex_memory_usage_bytes}),
 *       values scaled to base units ({@link BaseUnits}), HELP from the catalog; a family whose name ends in a base
 *       unit ({@code _seconds}, {@code _bytes}) carries that {@link Unit} (OpenMetrics {@code # UNIT});</li>
 *   <li>counters: the total over the range, with a created timestamp ({@link SeriesExport#createdMs()});</li>
 *   <li>gauges: the last value of the range; a counter or gauge name ending in {@code _count}, {@code _sum} or
 *       {@code _bucket} gets its unit appended ({@link #scalarName});</li>
 *   <li>the engine's own metrics ({@link SelfMetric}, gauge series inside): the running counts as counters named
 *       {@code <name>_total} with their last value and no created timestamp (they restart at 0 with the engine),
 *       the levels as gauges ({@link #exportsAsCounter});</li>
 *   <li>histograms: classic buckets at the configured bounds plus {@code +Inf}, count and sum, created timestamp;
 *       when the snapshot holds the series' merged HdrHistogram ({@link SnapshotPart#DISTRIBUTIONS}, the protobuf
 *       scrape), also native buckets, classic and native counted from it in one pass ({@link ScrapeHistogram});
 *       with {@code summary_quantiles}, also a summary family named {@link #summaryName} (Prometheus lint rejects
 *       the type in a name, so not {@code _summary}) with those quantiles, count and sum;</li>
 *   <li>series without data in the range are left out (a family without any is left out): a counter or histogram
 *       appears with its first value, as a labelled child of a client library does. Label values are written as
 *       they are (the writers escape them).</li>
 * </ul>
 * Stateless, thread-safe.
 */
public final class PrometheusSnapshots
{
    /** Base units that may appear as an OpenMetrics {@code # UNIT} (the family name must end in {@code _<unit>}). */
    private static final Set<String> BASE_UNITS =
        Set.of("seconds", "bytes", "ratio", "celsius", "joules", "grams", "meters", "volts", "amperes");
    private static final String SUMMARY_INFIX = "_quantiles";
    private static final String[] RESERVED_SUFFIXES = { "_count", "_sum", "_bucket" };

    private PrometheusSnapshots()
    {
    }

    /** @return the model of every series with data in {@code snapshot}. */
    public static MetricSnapshots of(final ExportSnapshot snapshot)
    {
        final Map<MetricDefinition, List<SeriesExport>> families = new LinkedHashMap<>();
        for (final SeriesExport s : snapshot.series())
        {
            if (s.hasData())
            {
                families.computeIfAbsent(s.metric(), m -> new ArrayList<>()).add(s);
            }
        }
        final String prefix = snapshot.settings().prefix();
        final List<Double> quantiles = snapshot.settings().summaryQuantiles();
        final List<MetricSnapshot> metrics = new ArrayList<>(families.size() + 4);
        for (final Map.Entry<MetricDefinition, List<SeriesExport>> family : families.entrySet())
        {
            final MetricDefinition metric = family.getKey();
            switch (metric.type())
            {
                case COUNTER -> metrics.add(counter(metric, prefix, family.getValue()));
                case GAUGE -> metrics.add(exportsAsCounter(metric) ?
                    selfCounter(metric, prefix, family.getValue()) : gauge(metric, prefix, family.getValue()));
                case HISTOGRAM ->
                {
                    metrics.add(histogram(metric, prefix, family.getValue()));
                    if (!quantiles.isEmpty())
                    {
                        metrics.add(summary(metric, prefix, quantiles, family.getValue()));
                    }
                }
                default -> throw new IllegalStateException("unknown metric type " + metric.type());
            }
        }
        final GaugeSnapshot alerts = alerts(snapshot.alerts());
        if (alerts != null)
        {
            metrics.add(alerts);
        }
        return new MetricSnapshots(metrics);
    }

    /** Prometheus' own name for alert series: no prefix, as every Prometheus-compatible tool expects it. */
    public static final String ALERTS = "ALERTS";
    /** The HELP of {@link #ALERTS}. */
    static final String ALERTS_HELP = "Pending and firing alerts of the engine's rules (1 each), as Prometheus exports them.";

    /**
     * @return Prometheus' {@code ALERTS} series: 1 for every pending or firing alert, labelled with the alert's
     *         labels ({@code alertname}, {@code severity}, ...) and {@code alertstate}; null when there is none.
     */
    private static GaugeSnapshot alerts(final AlertsSnapshot snapshot)
    {
        final GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(ALERTS).help(ALERTS_HELP);
        boolean any = false;
        for (final Alert alert : snapshot.alerts())
        {
            if (alert.state() == AlertState.RESOLVED)
            {
                continue;
            }
            final Labels.Builder labels = Labels.builder();
            alert.labels().forEach(labels::label);
            labels.label("alertstate", alert.state().spelling());
            builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels.build()).value(1.0).build());
            any = true;
        }
        return any ? builder.build() : null;
    }

    /**
     * @return the family name of the summary of histogram {@code metric}: {@code _quantiles} inserted before the
     *         base unit ({@code dspex_read_latency_quantiles_seconds}), else appended.
     */
    public static String summaryName(final MetricDefinition metric, final String prefix)
    {
        final String name = PrometheusNames.familyName(metric, prefix);
        final String unitSuffix = "_" + PrometheusNames.baseUnit(metric);
        return name.endsWith(unitSuffix) && name.length() > unitSuffix.length() ?
            name.substring(0, name.length() - unitSuffix.length()) + SUMMARY_INFIX + unitSuffix :
            name + SUMMARY_INFIX;
    }

    private static CounterSnapshot counter(
        final MetricDefinition metric, final String prefix, final List<SeriesExport> series)
    {
        final String total = scalarName(metric, prefix);
        final String name = total.substring(0, total.length() - "_total".length());
        final CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(metric.help());
        unit(metric, name).ifPresent(builder::unit);
        final double factor = PrometheusNames.toBaseUnitFactor(metric);
        for (final SeriesExport s : series)
        {
            builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels(s))
                .value(BaseUnits.scale(s.total(), factor))
                .createdTimestampMillis(s.createdMs())
                .build());
        }
        return builder.build();
    }

    /**
     * @return the family name of counter or gauge {@code metric}: {@link PrometheusNames#familyName}, with
     *         {@code _<unit>} appended when that name ends in a suffix Prometheus reserves for histogram and summary
     *         samples ({@code _count}, {@code _sum}, {@code _bucket}): {@code process_count} in threads is exported
     *         as {@code dspex_process_count_threads} (promtool rejects a gauge named {@code ..._count}).
     */
    public static String scalarName(final MetricDefinition metric, final String prefix)
    {
        final String name = PrometheusNames.familyName(metric, prefix);
        if (exportsAsCounter(metric) && metric.type() == MetricType.GAUGE)
        {
            return name + "_total";
        }
        for (final String reserved : RESERVED_SUFFIXES)
        {
            if (name.endsWith(reserved))
            {
                return name + "_" + PrometheusNames.baseUnit(metric).replaceAll("[^a-zA-Z0-9_:]", "_");
            }
        }
        return name;
    }

    /**
     * @return true when {@code metric} is exported as a Prometheus counter: a catalog counter, or an engine
     *         self-metric that is a running count ({@link SelfMetric#isCounter()}; its series is a gauge inside).
     */
    public static boolean exportsAsCounter(final MetricDefinition metric)
    {
        if (metric.type() == MetricType.COUNTER)
        {
            return true;
        }
        final SelfMetric self = metric.type() == MetricType.GAUGE ? SelfMetric.byMetricName(metric.name()) : null;
        return self != null && self.isCounter();
    }

    /** A self-metric's running count: the last sampled value, as a counter without a created timestamp. */
    private static CounterSnapshot selfCounter(
        final MetricDefinition metric, final String prefix, final List<SeriesExport> series)
    {
        final String total = scalarName(metric, prefix);
        final CounterSnapshot.Builder builder = CounterSnapshot.builder()
            .name(total.substring(0, total.length() - "_total".length())).help(metric.help());
        for (final SeriesExport s : series)
        {
            builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels(s))
                .value(s.last())
                .build());
        }
        return builder.build();
    }

    private static GaugeSnapshot gauge(final MetricDefinition metric, final String prefix, final List<SeriesExport> series)
    {
        final String name = scalarName(metric, prefix);
        final GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(metric.help());
        unit(metric, name).ifPresent(builder::unit);
        final double factor = PrometheusNames.toBaseUnitFactor(metric);
        for (final SeriesExport s : series)
        {
            builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(labels(s))
                .value(BaseUnits.scale(s.last(), factor))
                .build());
        }
        return builder.build();
    }

    private static HistogramSnapshot histogram(
        final MetricDefinition metric, final String prefix, final List<SeriesExport> series)
    {
        final String name = PrometheusNames.familyName(metric, prefix);
        final HistogramSnapshot.Builder builder = HistogramSnapshot.builder().name(name).help(metric.help());
        unit(metric, name).ifPresent(builder::unit);
        final double factor = PrometheusNames.toBaseUnitFactor(metric);
        final int schema = NativeBuckets.schemaFor(metric.histogram().significantDigits());
        for (final SeriesExport s : series)
        {
            final HistogramExport h = s.histogram();
            final org.HdrHistogram.Histogram distribution = s.distribution();
            if (distribution != null)
            {
                final ScrapeHistogram scrape = ScrapeHistogram.of(distribution, h, factor, schema);
                builder.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .labels(labels(s))
                    .classicHistogramBuckets(scrape.classic())
                    .nativeSchema(scrape.schema())
                    .nativeZeroThreshold(0)
                    .nativeZeroCount(scrape.zeroCount())
                    .nativeBucketsForPositiveValues(scrape.positive())
                    .sum(BaseUnits.scale(h.sum(), factor))
                    .createdTimestampMillis(s.createdMs())
                    .build());
                continue;
            }
            final int finite = h.bucketCount();
            final double[] bounds = new double[finite + 1];
            final long[] counts = new long[finite + 1];
            long below = 0;
            for (int i = 0; i < finite; i++)
            {
                bounds[i] = BaseUnits.scale(h.upperBound(i), factor);
                counts[i] = h.cumulativeCount(i) - below;
                below = h.cumulativeCount(i);
            }
            bounds[finite] = Double.POSITIVE_INFINITY;
            counts[finite] = h.count() - below;
            builder.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .labels(labels(s))
                .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
                .sum(BaseUnits.scale(h.sum(), factor))
                .createdTimestampMillis(s.createdMs())
                .build());
        }
        return builder.build();
    }

    private static SummarySnapshot summary(
        final MetricDefinition metric, final String prefix, final List<Double> quantiles,
        final List<SeriesExport> series)
    {
        final String name = summaryName(metric, prefix);
        final SummarySnapshot.Builder builder = SummarySnapshot.builder().name(name)
            .help(metric.help() + " Quantiles over the exported range.");
        unit(metric, name).ifPresent(builder::unit);
        final double factor = PrometheusNames.toBaseUnitFactor(metric);
        for (final SeriesExport s : series)
        {
            final HistogramExport h = s.histogram();
            final List<Quantile> values = new ArrayList<>(quantiles.size());
            for (final double q : quantiles)
            {
                values.add(new Quantile(q, BaseUnits.scale(h.percentiles().get(q), factor)));
            }
            builder.dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                .labels(labels(s))
                .quantiles(Quantiles.of(values))
                .count(h.count())
                .sum(BaseUnits.scale(h.sum(), factor))
                .createdTimestampMillis(s.createdMs())
                .build());
        }
        return builder.build();
    }

    private static Optional<Unit> unit(final MetricDefinition metric, final String familyName)
    {
        return Optional.ofNullable(unitOf(metric, familyName)).map(Unit::new);
    }

    /** @return the OpenMetrics {@code # UNIT} of family {@code familyName} of {@code metric}; null when none. */
    static String unitOf(final MetricDefinition metric, final String familyName)
    {
        final String unit = PrometheusNames.baseUnit(metric);
        return BASE_UNITS.contains(unit) && familyName.endsWith("_" + unit) ? unit : null;
    }

    private static Labels labels(final SeriesExport s)
    {
        if (s.labels().isEmpty())
        {
            return Labels.EMPTY;
        }
        final String[] names = new String[s.labels().size()];
        final String[] values = new String[names.length];
        int i = 0;
        for (final Map.Entry<String, String> e : s.labels().entrySet())
        {
            names[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return Labels.of(names, values);
    }
}
