package dev.bridge.analytics.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dashboard page's panels: those the {@code dashboard:} section declares, or, without one, panels
 * {@link #generated generated} from the catalog. Immutable, thread-safe.
 *
 * @param title     the page's title.
 * @param panels    the charts in page order.
 * @param generated true when the panels were generated from the catalog rather than declared.
 */
public record DashboardSettings(String title, List<DashboardPanel> panels, boolean generated)
{
    /** The page title when none is configured. */
    public static final String DEFAULT_TITLE = "Bridge Analytics";

    /** Metric name prefixes of the adapters' catch-all and self metrics, left out of generated panels. */
    private static final List<String> LEFT_OUT_PREFIXES = List.of("engine_", "statsd_");

    public DashboardSettings
    {
        Objects.requireNonNull(title, "title");
        panels = List.copyOf(panels);
    }

    /**
     * @return one panel per catalog metric, in catalog order: a rate per counter, p50/p95/p99 per histogram, the
     *         last value per gauge without labels; gauges with labels and the {@code engine_*} and
     *         {@code statsd_*} metrics (engine health and the StatsD listener's catch-alls) are left out.
     */
    public static DashboardSettings generated(final List<MetricDefinition> metrics)
    {
        final List<DashboardPanel> panels = new ArrayList<>();
        for (final MetricDefinition m : metrics)
        {
            if (LEFT_OUT_PREFIXES.stream().anyMatch(m.name()::startsWith))
            {
                continue;
            }
            switch (m.type())
            {
                case COUNTER -> panels.add(new DashboardPanel(m.name(), m.unit(),
                    List.of(line(m, "rate", m.name() + "/s"))));
                case HISTOGRAM -> panels.add(new DashboardPanel(m.name(), m.unit(),
                    List.of(line(m, "p50", "p50"), line(m, "p95", "p95"), line(m, "p99", "p99"))));
                case GAUGE ->
                {
                    if (m.labels().isEmpty())
                    {
                        panels.add(new DashboardPanel(m.name(), m.unit(), List.of(line(m, "last", m.name()))));
                    }
                }
            }
        }
        return new DashboardSettings(DEFAULT_TITLE, panels, true);
    }

    private static DashboardLine line(final MetricDefinition m, final String aggregation, final String label)
    {
        return new DashboardLine(label, m.name(), aggregation, Map.of());
    }

    /**
     * The {@code dashboard:} section of a configuration file (checked by {@link DashboardConfigValidator}).
     *
     * @param metrics the catalog the panels name.
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static DashboardSettings from(final ConfigDto.Dashboard d, final Checks checks, final List<MetricDefinition> metrics)
        throws ConfigException
    {
        return new DashboardConfigValidator(checks, metrics).dashboard(d);
    }
}
