package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.config.DashboardLine;
import dev.bridge.analytics.config.DashboardPanel;
import dev.bridge.analytics.config.DashboardSettings;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.TreeMap;

/**
 * {@code /api/panels}: the dashboard page's panels, as the configuration declares them (its {@code dashboard:}
 * section) or generated from the catalog, with each line's metric type, unit and label names:
 * <pre>{@code
 * {"title":"Bridge Analytics","generated":false,
 *  "panels":[{"title":"Read latency","unit":"microseconds",
 *             "lines":[{"label":"p99","metric":"read_latency_us","aggregation":"p99","labels":{},
 *                       "type":"histogram","metric_unit":"microseconds","metric_labels":[]}]}]}
 * }</pre>
 * Each line is drawn from {@code /api/query?metric=&agg=&labels=name=value}. Takes no parameters. Immutable,
 * thread-safe; the body is built once.
 */
final class PanelsEndpoint implements Endpoint
{
    private final String body;

    PanelsEndpoint(final AnalyticsQueries queries)
    {
        this.body = Json.write(body(queries.config()));
    }

    @Override
    public List<String> parameters()
    {
        return List.of();
    }

    @Override
    public Reply serve(final Request request)
    {
        return Reply.json(body);
    }

    private static Map<String, Object> body(final EngineConfig config)
    {
        final DashboardSettings dashboard = config.dashboard();
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", dashboard.title());
        body.put("generated", dashboard.generated());
        body.put("panels", dashboard.panels().stream().map(p -> panel(p, config)).toList());
        return body;
    }

    private static Map<String, Object> panel(final DashboardPanel panel, final EngineConfig config)
    {
        final Map<String, Object> p = new LinkedHashMap<>();
        p.put("title", panel.title());
        p.put("unit", panel.unit());
        p.put("lines", panel.lines().stream().map(l -> line(l, config)).toList());
        return p;
    }

    private static Map<String, Object> line(final DashboardLine line, final EngineConfig config)
    {
        final MetricDefinition m = config.metric(line.metric()).orElseThrow();
        final Map<String, Object> l = new LinkedHashMap<>();
        l.put("label", line.label());
        l.put("metric", line.metric());
        l.put("aggregation", line.aggregation());
        l.put("labels", new TreeMap<>(line.labels()));
        l.put("type", m.type().name().toLowerCase(Locale.ROOT));
        l.put("metric_unit", m.unit());
        l.put("metric_labels", m.labels());
        if (line.aggregation().equals(DashboardLine.RATIO))
        {
            l.put("numerator", line.numerator());
            l.put("denominator", line.denominator());
        }
        return l;
    }
}
