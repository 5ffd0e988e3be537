package dev.bridge.analytics.config;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders the metric catalog as Markdown ({@code docs/metrics.md}): a summary table, then per metric its type,
 * unit, help, labels, histogram range and precision, and its Prometheus name ({@link PrometheusNames}). The output
 * depends only on the catalog (no dates, no paths), so a test can compare the checked-in file with a fresh
 * rendering. Stateless, thread-safe.
 */
public final class MetricsDoc
{
    /** The command that regenerates {@code docs/metrics.md} ({@code analytics docs}), run from the repository root. */
    public static final String REGENERATE_COMMAND = "bin/analytics docs --config config/analytics.yaml --out docs/metrics.md";

    private MetricsDoc()
    {
    }

    /** @return the Markdown document for {@code docs/metrics.md}. */
    public static String render(final EngineConfig config)
    {
        final List<MetricDefinition> metrics = config.metrics();
        final String prefix = config.export().prefix();
        final StringBuilder md = new StringBuilder(16 * 1024);
        md.append("# Metric catalog of the DSPex bridge\n\n");
        md.append("<!-- Generated from config/analytics.yaml by `analytics docs`: do not edit.\n");
        md.append("     Regenerate from the repository root with:\n");
        md.append("     ").append(REGENERATE_COMMAND).append(" -->\n\n");
        md.append("Every metric the engine records is declared in `config/analytics.yaml` with its type, unit, help ")
            .append("text and label names; a handle gives values for exactly the declared labels. ");
        md.append("The catalog has ").append(metrics.size()).append(" metrics: ")
            .append(count(metrics, MetricType.COUNTER)).append(" counters, ")
            .append(count(metrics, MetricType.HISTOGRAM)).append(" histograms and ")
            .append(count(metrics, MetricType.GAUGE)).append(" gauges. ");
        md.append("Names starting with `engine_` are reserved for the engine's own metrics.\n\n");

        md.append("## Summary\n\n");
        md.append("| Metric | Type | Unit | Labels | Prometheus name |\n");
        md.append("|---|---|---|---|---|\n");
        for (final MetricDefinition m : metrics)
        {
            md.append("| `").append(m.name()).append("` | ").append(ConfigDeserializers.spelling(m.type()))
                .append(" | ").append(m.unit()).append(" | ").append(labels(m, "-"))
                .append(" | `").append(PrometheusNames.familyName(m, prefix)).append("` |\n");
        }
        md.append('\n');

        md.append("## Prometheus names and units\n\n");
        md.append("Exported names carry the prefix `").append(prefix)
            .append("` (`export.prefix`) and Prometheus base units:\n\n");
        md.append("- counters are exported as `").append(prefix).append("<name>_total`, values as recorded;\n");
        md.append("- histograms recorded in microseconds or milliseconds are exported in seconds: a trailing `_us` ")
            .append("or `_ms` of the name becomes `_seconds` (`read_latency_us` is `").append(prefix)
            .append("read_latency_seconds`);\n");
        md.append("- gauges recorded in megabytes are exported in bytes (1 megabyte = 2^20 bytes): a trailing `_mb` ")
            .append("becomes `_bytes` (`memory_usage_mb` is `").append(prefix).append("memory_usage_bytes`);\n");
        md.append("- every other metric is exported as `").append(prefix).append("<name>` in its own unit.\n\n");

        section(md, "Counters", metrics, MetricType.COUNTER, prefix);
        section(md, "Histograms", metrics, MetricType.HISTOGRAM, prefix);
        section(md, "Gauges", metrics, MetricType.GAUGE, prefix);
        return md.toString();
    }

    private static void section(
        final StringBuilder md, final String title, final List<MetricDefinition> metrics, final MetricType type,
        final String prefix)
    {
        if (count(metrics, type) == 0)
        {
            return;
        }
        md.append("## ").append(title).append("\n\n");
        for (final MetricDefinition m : metrics)
        {
            if (m.type() == type)
            {
                metric(md, m, prefix);
            }
        }
    }

    private static void metric(final StringBuilder md, final MetricDefinition m, final String prefix)
    {
        md.append("### `").append(m.name()).append("`\n\n");
        md.append(m.help()).append("\n\n");
        md.append("- Type: ").append(ConfigDeserializers.spelling(m.type())).append('\n');
        md.append("- Unit: ").append(m.unit()).append('\n');
        md.append("- Labels: ").append(labels(m, "none")).append('\n');
        final HistogramSpec h = m.histogram();
        if (h != null)
        {
            if (h.exactSamples() > 0)
            {
                md.append("- Exact percentiles: up to ").append(number(h.exactSamples()))
                    .append(" raw samples kept per raw bucket\n");
            }
            md.append("- Range: ").append(number(h.lowestDiscernibleValue())).append(" to ")
                .append(number(h.highestTrackableValue())).append(' ').append(m.unit());
            final long nanos = nanosPerUnit(m.unit());
            if (nanos > 0)
            {
                md.append(" (").append(time(h.lowestDiscernibleValue(), nanos)).append(" to ")
                    .append(time(h.highestTrackableValue(), nanos)).append(')');
            }
            md.append(", ").append(h.significantDigits()).append(" significant digits; larger values are rejected ")
                .append("and counted\n");
        }
        final double factor = PrometheusNames.toBaseUnitFactor(m);
        md.append("- Prometheus: `").append(PrometheusNames.familyName(m, prefix)).append('`');
        if (factor != 1.0)
        {
            md.append(", in ").append(PrometheusNames.baseUnit(m)).append(" (recorded value ")
                .append(factor < 1.0 ? "/ " + number(Math.round(1.0 / factor)) : "x " + number(Math.round(factor)))
                .append(')');
        }
        md.append("\n\n");
    }

    private static long count(final List<MetricDefinition> metrics, final MetricType type)
    {
        return metrics.stream().filter(m -> m.type() == type).count();
    }

    private static String labels(final MetricDefinition m, final String none)
    {
        return m.labels().isEmpty() ? none : m.labels().stream().map(l -> "`" + l + "`").collect(Collectors.joining(", "));
    }

    private static String number(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static long nanosPerUnit(final String unit)
    {
        switch (unit)
        {
            case "nanoseconds":
                return 1L;
            case "microseconds":
                return 1_000L;
            case "milliseconds":
                return 1_000_000L;
            case "seconds":
                return 1_000_000_000L;
            default:
                return 0L;
        }
    }

    private static String time(final long value, final long nanosPerUnit)
    {
        final double nanos = (double)value * nanosPerUnit;
        final String[] units = { "h", "min", "s", "ms", "us", "ns" };
        final double[] sizes = { 3.6e12, 6e10, 1e9, 1e6, 1e3, 1 };
        for (int i = 0; i < units.length; i++)
        {
            if (nanos >= sizes[i] || i == units.length - 1)
            {
                final String amount = String.format(Locale.ROOT, "%.3f", nanos / sizes[i])
                    .replaceAll("\\.?0+$", "");
                return amount + " " + units[i];
            }
        }
        throw new AssertionError();
    }
}
