package dev.bridge.analytics.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the {@code dashboard:} section of a bound {@link ConfigDto} against the catalog and builds the
 * {@link DashboardSettings}; every problem becomes a {@link ConfigException} placed at the offending key or value
 * ({@code dashboard.panels[0].lines[1].metric}). Part of {@link ConfigValidator}; one instance per load, confined to
 * the loading thread.
 */
final class DashboardConfigValidator
{
    private static final Pattern AGGREGATION = Pattern.compile("avg|sum|min|max|count|rate|last|p([0-9]+(\\.[0-9]+)?)");
    private static final String AGGREGATIONS = "avg, sum, min, max, count, rate, last or pNN with NN in [0, 100] (p50, p99.9)";

    private final Checks checks;
    private final Map<String, MetricDefinition> catalog = new LinkedHashMap<>();

    DashboardConfigValidator(final Checks checks, final List<MetricDefinition> metrics)
    {
        this.checks = checks;
        metrics.forEach(m -> catalog.put(m.name(), m));
    }

    DashboardSettings dashboard(final ConfigDto.Dashboard d) throws ConfigException
    {
        final String title = d.title == null ? DashboardSettings.DEFAULT_TITLE : d.title.strip();
        if (title.isEmpty())
        {
            throw checks.atValue("dashboard.title", "title must not be empty");
        }
        if (d.panels == null || d.panels.isEmpty())
        {
            throw checks.atKey(d.panels == null ? "dashboard" : "dashboard.panels",
                "missing panels: give at least one, e.g. panels: [{title: Reads, lines: [{metric: variable_read, " +
                "aggregation: rate}]}], or delete the dashboard section to get one panel per metric");
        }
        final List<DashboardPanel> panels = new ArrayList<>();
        for (int i = 0; i < d.panels.size(); i++)
        {
            panels.add(panel("dashboard.panels[" + i + "]", d.panels.get(i)));
        }
        return new DashboardSettings(title, panels, false);
    }

    private DashboardPanel panel(final String path, final ConfigDto.Panel p) throws ConfigException
    {
        if (p.title == null || p.title.isBlank())
        {
            throw checks.atKey(p.title == null ? path : path + ".title",
                "missing required key 'title' (the chart's title)");
        }
        if (p.lines == null || p.lines.isEmpty())
        {
            throw checks.atKey(p.lines == null ? path : path + ".lines",
                "missing lines: give at least one, e.g. lines: [{metric: variable_read, aggregation: rate}]");
        }
        final List<DashboardLine> lines = new ArrayList<>();
        for (int i = 0; i < p.lines.size(); i++)
        {
            lines.add(line(path + ".lines[" + i + "]", p.lines.get(i)));
        }
        if (p.unit != null && p.unit.isBlank())
        {
            throw checks.atValue(path + ".unit", "unit must not be empty");
        }
        final String unit = p.unit != null ? p.unit.strip() : catalog.get(lines.get(0).metric()).unit();
        return new DashboardPanel(p.title.strip(), unit, lines);
    }

    private DashboardLine line(final String path, final ConfigDto.Line l) throws ConfigException
    {
        if (l.ratio != null)
        {
            return ratio(path, l);
        }
        if (l.metric == null)
        {
            throw checks.atKey(path, "missing required key 'metric' (a metric of the catalog), or 'ratio'");
        }
        final MetricDefinition m = checks.metric(path + ".metric", l.metric, catalog);
        if (l.aggregation == null)
        {
            throw checks.atKey(path, "missing required key 'aggregation' (" + AGGREGATIONS + ")");
        }
        final Matcher a = AGGREGATION.matcher(l.aggregation);
        if (!a.matches() || a.group(1) != null && Double.parseDouble(a.group(1)) > 100)
        {
            throw checks.atValue(path + ".aggregation", "unknown aggregation '" + l.aggregation + "': use " +
                AGGREGATIONS);
        }
        if (a.group(1) != null && m.type() != MetricType.HISTOGRAM)
        {
            throw checks.atValue(path + ".aggregation", "percentile '" + l.aggregation + "' needs a histogram; '" +
                m.name() + "' is a " + ConfigDeserializers.spelling(m.type()));
        }
        final Map<String, String> labels = l.labels == null ? Map.of() : l.labels;
        for (final String name : labels.keySet())
        {
            if (!m.labels().contains(name))
            {
                throw checks.atKey(path + ".labels." + name, "metric '" + m.name() + "' has no label '" + name +
                    "'" + (m.labels().isEmpty() ? " (it has none)" : "; its labels: " + String.join(", ", m.labels())));
            }
        }
        final String label = l.label != null ? l.label : m.name() + " " + l.aggregation + labelSuffix(labels);
        return new DashboardLine(label, m.name(), l.aggregation, labels);
    }

    /** A ratio line: {@code ratio: {numerator: [..], denominator: [..]}}, no metric, aggregation or labels. */
    private DashboardLine ratio(final String path, final ConfigDto.Line l) throws ConfigException
    {
        if (l.metric != null || l.aggregation != null || l.labels != null)
        {
            throw checks.atKey(
                path + (l.metric != null ? ".metric" : l.aggregation != null ? ".aggregation" : ".labels"),
                "a ratio line takes no metric, aggregation or labels: its metrics are summed per interval");
        }
        final List<String> numerator = ratioMetrics(path + ".ratio.numerator", l.ratio.numerator, path + ".ratio");
        final List<String> denominator = ratioMetrics(path + ".ratio.denominator", l.ratio.denominator, path + ".ratio");
        final String label = l.label != null ? l.label :
            String.join(" + ", numerator) + " / (" + String.join(" + ", denominator) + ")";
        return new DashboardLine(label, numerator.get(0), DashboardLine.RATIO, Map.of(), numerator, denominator);
    }

    private List<String> ratioMetrics(final String path, final List<String> names, final String parent)
        throws ConfigException
    {
        if (names == null || names.isEmpty())
        {
            throw checks.atKey(names == null ? parent : path,
                "missing " + path.substring(path.lastIndexOf('.') + 1) + ": give at least one metric, " +
                "e.g. ratio: {numerator: [cache_hit], denominator: [cache_hit, cache_miss]}");
        }
        for (int i = 0; i < names.size(); i++)
        {
            checks.metric(path + "[" + i + "]", names.get(i), catalog);
        }
        return List.copyOf(names);
    }

    private static String labelSuffix(final Map<String, String> labels)
    {
        final StringBuilder s = new StringBuilder();
        labels.forEach((k, v) -> s.append(s.length() == 0 ? " {" : ", ").append(k).append('=').append(v));
        return s.length() == 0 ? "" : s.append('}').toString();
    }
}
