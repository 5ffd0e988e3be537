package dev.bridge.analytics.export;

import dev.bridge.analytics.config.BaseUnits;
import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.PrometheusNames;
import dev.bridge.analytics.series.SeriesInfo;
import io.prometheus.metrics.model.snapshots.Labels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a streaming scrape ({@link StreamingScrape}) writes, computed once per set of series and reused by every
 * scrape until a series is added: the families in the order client_java's writers print them (sorted by name, as
 * {@code MetricSnapshots} sorts; {@code ALERTS} among them), each family's series in client_java's data-point order
 * (by {@link Labels}, label names sorted), and every byte that does not change between scrapes already encoded: the
 * HELP/TYPE/UNIT lines of both text formats, the metric names, each series' label set (escaped, UTF-8) and the
 * {@code le} and {@code quantile} labels. Immutable, thread-safe.
 */
final class ScrapePlan
{
    /** What a family prints. */
    enum Kind
    {
        COUNTER, SELF_COUNTER, GAUGE, HISTOGRAM, SUMMARY, ALERTS
    }

    /** Names the plan prints as they are: anything else is left to client_java's writers (they quote or escape). */
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** One family: its lines' fixed bytes and its series in print order. Immutable. */
    static final class Family
    {
        final Kind kind;
        final MetricDefinition metric;
        final byte[] name;
        final byte[] textHeader;
        final byte[] textCreatedHeader;
        final byte[] openMetricsHeader;
        final double toBaseUnit;
        /** Histograms: finite bounds in the metric's unit. */
        final double[] upperBounds;
        /** Histograms: {@code le="<bound>"} for each finite bound, then {@code le="+Inf"}. */
        final byte[][] bucketLabels;
        /** Summaries: the quantiles, and {@code quantile="<q>"} for each. */
        final double[] quantiles;
        final byte[][] quantileLabels;
        final SeriesInfo[] series;
        /** Per series: {@code {name="value",...} } without the closing brace; empty without labels. */
        final byte[][] labels;
        /** The slot of the first series: slots number every series of every family of the plan. */
        final int firstSlot;

        private Family(
            final Kind kind, final MetricDefinition metric, final String name, final String help, final String unit,
            final double toBaseUnit, final double[] upperBounds, final double[] quantiles, final SeriesInfo[] series,
            final byte[][] labels, final int firstSlot)
        {
            this.kind = kind;
            this.metric = metric;
            this.name = utf8(name);
            final String textType = switch (kind)
            {
                case COUNTER, SELF_COUNTER -> "counter";
                case GAUGE, ALERTS -> "gauge";
                case HISTOGRAM -> "histogram";
                case SUMMARY -> "summary";
            };
            final boolean counter = kind == Kind.COUNTER || kind == Kind.SELF_COUNTER;
            this.textHeader = utf8(textMetadata(name + (counter ? "_total" : ""), textType, help));
            this.textCreatedHeader = utf8(textMetadata(name + "_created", "gauge", help));
            this.openMetricsHeader = utf8("# TYPE " + name + " " + textType + "\n" +
                (unit == null ? "" : "# UNIT " + name + " " + escaped(unit) + "\n") +
                (help == null || help.isEmpty() ? "" : "# HELP " + name + " " + escaped(help) + "\n"));
            this.toBaseUnit = toBaseUnit;
            this.upperBounds = upperBounds;
            this.bucketLabels = new byte[upperBounds.length + 1][];
            for (int i = 0; i < upperBounds.length; i++)
            {
                bucketLabels[i] = numberLabel("le", BaseUnits.scale(upperBounds[i], toBaseUnit));
            }
            bucketLabels[upperBounds.length] = numberLabel("le", Double.POSITIVE_INFINITY);
            this.quantiles = quantiles;
            this.quantileLabels = new byte[quantiles.length][];
            for (int i = 0; i < quantiles.length; i++)
            {
                quantileLabels[i] = numberLabel("quantile", quantiles[i]);
            }
            this.series = series;
            this.labels = labels;
            this.firstSlot = firstSlot;
        }
    }

    private final List<Family> families;
    private final int slots;
    private final List<Double> percentiles;

    private ScrapePlan(final List<Family> families, final int slots, final List<Double> percentiles)
    {
        this.families = families;
        this.slots = slots;
        this.percentiles = percentiles;
    }

    /**
     * @param settings the export settings (prefix, bucket bounds, summary quantiles).
     * @param series   every series known.
     * @return the plan; null when a metric or label name is not a plain {@code [a-zA-Z_][a-zA-Z0-9_]*} (client_java
     *         then writes it: it quotes such names).
     */
    static ScrapePlan of(final ExportSettings settings, final List<SeriesInfo> series)
    {
        final Map<MetricDefinition, List<SeriesInfo>> byMetric = new LinkedHashMap<>();
        for (final SeriesInfo s : series)
        {
            byMetric.computeIfAbsent(s.metric(), m -> new ArrayList<>()).add(s);
        }
        final String prefix = settings.prefix();
        final double[] quantiles = settings.summaryQuantiles().stream().mapToDouble(Double::doubleValue).toArray();
        final List<FamilySpec> specs = new ArrayList<>();
        for (final Map.Entry<MetricDefinition, List<SeriesInfo>> e : byMetric.entrySet())
        {
            final MetricDefinition metric = e.getKey();
            if (metric.type() == MetricType.HISTOGRAM)
            {
                specs.add(new FamilySpec(Kind.HISTOGRAM, metric, PrometheusNames.familyName(metric, prefix),
                    metric.help(), e.getValue()));
                if (quantiles.length > 0)
                {
                    specs.add(new FamilySpec(Kind.SUMMARY, metric, PrometheusSnapshots.summaryName(metric, prefix),
                        metric.help() + " Quantiles over the exported range.", e.getValue()));
                }
                continue;
            }
            final String scalar = PrometheusSnapshots.scalarName(metric, prefix);
            if (PrometheusSnapshots.exportsAsCounter(metric))
            {
                specs.add(new FamilySpec(metric.type() == MetricType.COUNTER ? Kind.COUNTER : Kind.SELF_COUNTER, metric,
                    scalar.substring(0, scalar.length() - "_total".length()), metric.help(), e.getValue()));
            }
            else
            {
                specs.add(new FamilySpec(Kind.GAUGE, metric, scalar, metric.help(), e.getValue()));
            }
        }
        specs.add(new FamilySpec(Kind.ALERTS, null, PrometheusSnapshots.ALERTS, PrometheusSnapshots.ALERTS_HELP,
            List.of()));
        specs.sort(Comparator.comparing(FamilySpec::name)); // stable, as MetricSnapshots sorts
        final List<Family> families = new ArrayList<>(specs.size());
        int slot = 0;
        for (final FamilySpec spec : specs)
        {
            if (!PLAIN_NAME.matcher(spec.name).matches())
            {
                return null;
            }
            final List<Map.Entry<Labels, SeriesInfo>> sorted = new ArrayList<>();
            for (final SeriesInfo s : spec.series)
            {
                for (final String labelName : s.labels().keySet())
                {
                    if (!PLAIN_NAME.matcher(labelName).matches())
                    {
                        return null;
                    }
                }
                sorted.add(Map.entry(labels(s.labels()), s));
            }
            sorted.sort(Map.Entry.comparingByKey()); // client_java's data-point order
            final SeriesInfo[] ordered = new SeriesInfo[sorted.size()];
            final byte[][] labelBytes = new byte[sorted.size()][];
            for (int i = 0; i < ordered.length; i++)
            {
                ordered[i] = sorted.get(i).getValue();
                labelBytes[i] = openLabelSet(sorted.get(i).getKey());
            }
            final MetricDefinition metric = spec.metric;
            final boolean scaled = spec.kind != Kind.SELF_COUNTER && spec.kind != Kind.ALERTS;
            final double[] bounds = spec.kind == Kind.HISTOGRAM ?
                settings.bucketsFor(metric).stream().mapToDouble(Double::doubleValue).toArray() : new double[0];
            final String unit = scaled ? PrometheusSnapshots.unitOf(metric, spec.name) : null;
            families.add(new Family(spec.kind, metric, spec.name, spec.help, unit,
                scaled ? PrometheusNames.toBaseUnitFactor(metric) : 1.0, bounds,
                spec.kind == Kind.SUMMARY ? quantiles : new double[0], ordered, labelBytes, slot));
            slot += ordered.length;
        }
        return new ScrapePlan(List.copyOf(families), slot, ExportSnapshot.percentilesFor(settings));
    }

    /** @return the families in print order. */
    List<Family> families()
    {
        return families;
    }

    /** @return the number of series slots over every family (a histogram with a summary has two). */
    int slots()
    {
        return slots;
    }

    /** @return the percentiles a summary's histogram is read with ({@link ExportSnapshot#percentilesFor}). */
    List<Double> percentiles()
    {
        return percentiles;
    }

    /** @return the labels as client_java orders them (names sorted). */
    static Labels labels(final Map<String, String> labels)
    {
        if (labels.isEmpty())
        {
            return Labels.EMPTY;
        }
        final String[] names = labels.keySet().toArray(new String[0]);
        final String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++)
        {
            values[i] = labels.get(names[i]);
        }
        return Labels.of(names, values);
    }

    /** @return {@code {a="x",b="y"} without the closing brace, values escaped, UTF-8; empty for no labels. */
    static byte[] openLabelSet(final Labels labels)
    {
        if (labels.isEmpty())
        {
            return new byte[0];
        }
        final StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < labels.size(); i++)
        {
            if (i > 0)
            {
                text.append(',');
            }
            text.append(labels.getName(i)).append("=\"").append(escaped(labels.getValue(i))).append('"');
        }
        return utf8(text.toString());
    }

    /** @return {@code s} escaped as client_java escapes label values and OpenMetrics help: {@code \ " LF}. */
    static String escaped(final String s)
    {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String textMetadata(final String name, final String type, final String help)
    {
        // the 0.0.4 writer escapes only backslash and line feed in HELP
        return (help == null || help.isEmpty() ? "" :
            "# HELP " + name + " " + help.replace("\\", "\\\\").replace("\n", "\\n") + "\n") +
            "# TYPE " + name + " " + type + "\n";
    }

    private static byte[] numberLabel(final String name, final double value)
    {
        final ScrapeBuffer buffer = new ScrapeBuffer(32);
        buffer.writeAscii(name + "=\"");
        buffer.writeDouble(value);
        buffer.write('"');
        final ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        try
        {
            buffer.writeTo(out);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private record FamilySpec(Kind kind, MetricDefinition metric, String name, String help, List<SeriesInfo> series)
    {
    }
}
