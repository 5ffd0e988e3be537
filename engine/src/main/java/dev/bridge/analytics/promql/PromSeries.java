package dev.bridge.analytics.promql;

import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.PrometheusNames;
import dev.bridge.analytics.config.BaseUnits;
import dev.bridge.analytics.export.BucketBoundLabel;
import dev.bridge.analytics.export.PrometheusSnapshots;
import dev.bridge.analytics.series.SeriesInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Prometheus series of an engine series, named as the scrape and remote write name it
 * ({@link PrometheusSnapshots#scalarName}, {@link PrometheusNames#familyName}): a counter is {@code <name>_total}
 * (its running total), a gauge its last value (the engine's own running counts, gauges inside, keep their
 * {@code _total} name), a histogram {@code <name>_bucket} per configured bound plus {@code le="+Inf"},
 * {@code <name>_count} and {@code <name>_sum}, and a native histogram {@code <name>}; values in base units, {@code le} printed as client_java prints it.
 * Immutable, thread-safe.
 *
 * @param labels the Prometheus labels, {@code __name__} included.
 * @param info   the engine series.
 * @param part   which value of the engine series.
 * @param bound  {@link Part#BUCKET}: the index of the bound ({@code bounds.size()} for {@code +Inf}); else -1.
 */
public record PromSeries(Labels labels, SeriesInfo info, Part part, int bound)
{
    /** Which value of an engine series a Prometheus series is. */
    public enum Part
    {
        /** A counter's running total. */
        TOTAL,
        /** A gauge's last value. */
        LAST,
        /** A histogram's cumulative count at one bound. */
        BUCKET,
        /** A histogram's running count. */
        COUNT,
        /** A histogram's running sum. */
        SUM,
        /** A histogram's running native histogram, under the family name (as the protobuf scrape and remote write). */
        NATIVE
    }

    /** @return the Prometheus series of every engine series in {@code series}, in their order. */
    public static List<PromSeries> of(final List<SeriesInfo> series, final ExportSettings settings)
    {
        final List<PromSeries> out = new ArrayList<>();
        final String prefix = settings.prefix();
        for (final SeriesInfo s : series)
        {
            final Map<String, String> base = new LinkedHashMap<>(s.labels());
            switch (s.metric().type())
            {
                case COUNTER -> out.add(new PromSeries(named(base, PrometheusSnapshots.scalarName(s.metric(), prefix)),
                    s, Part.TOTAL, -1));
                case GAUGE -> out.add(new PromSeries(named(base, PrometheusSnapshots.scalarName(s.metric(), prefix)),
                    s, Part.LAST, -1));
                case HISTOGRAM ->
                {
                    final String family = PrometheusNames.familyName(s.metric(), prefix);
                    final double factor = PrometheusNames.toBaseUnitFactor(s.metric());
                    final List<Double> bounds = settings.bucketsFor(s.metric());
                    for (int i = 0; i <= bounds.size(); i++)
                    {
                        final String le = i == bounds.size() ? "+Inf" :
                            BucketBoundLabel.of(BaseUnits.scale(bounds.get(i), factor));
                        out.add(new PromSeries(named(base, family + "_bucket").with("le", le), s, Part.BUCKET, i));
                    }
                    out.add(new PromSeries(named(base, family + "_count"), s, Part.COUNT, -1));
                    out.add(new PromSeries(named(base, family + "_sum"), s, Part.SUM, -1));
                    out.add(new PromSeries(named(base, family), s, Part.NATIVE, -1));
                }
                default -> throw new IllegalStateException("unknown metric type " + s.metric().type());
            }
        }
        return out;
    }

    private static Labels named(final Map<String, String> labels, final String name)
    {
        final Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(Labels.NAME, name);
        return Labels.of(all);
    }

    /** @return the metric name. */
    public String name()
    {
        return labels.get(Labels.NAME);
    }

    /** @return the family the metadata API lists this series under, and its type. */
    public String[] family(final ExportSettings settings)
    {
        final String prefix = settings.prefix();
        if (info.metric().type() == MetricType.HISTOGRAM)
        {
            return new String[] { PrometheusNames.familyName(info.metric(), prefix), "histogram" };
        }
        return new String[] { PrometheusSnapshots.scalarName(info.metric(), prefix),
            PrometheusSnapshots.exportsAsCounter(info.metric()) ? "counter" : "gauge" };
    }
}
