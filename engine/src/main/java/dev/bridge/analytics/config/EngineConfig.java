package dev.bridge.analytics.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A validated configuration: engine settings, the metric catalog, export, HTTP, alert, StatsD listener and telemetry
 * settings. Immutable, thread-safe.
 * Obtain one with {@link #load(Path)}, {@link #parse(String, String)} or {@link #defaults()}; an invalid
 * file never yields an instance (a {@link ConfigException} names file, line, column and field).
 */
public final class EngineConfig
{
    /** Classpath location of the bundled copy of {@code config/analytics.yaml}. */
    public static final String DEFAULT_RESOURCE = "/dev/bridge/analytics/config/analytics.yaml";

    private final String source;
    private final EngineSettings engine;
    private final Map<String, MetricDefinition> metrics;
    private final ExportSettings export;
    private final HttpSettings http;
    private final AlertSettings alerts;
    private final StatsdListenerSettings statsd;
    private final TelemetrySettings telemetry;
    /** The declared dashboard, or null for panels generated from the catalog. */
    private final DashboardSettings dashboard;

    /** A configuration with default export and HTTP settings and no alert rules. */
    public EngineConfig(final String source, final EngineSettings engine, final List<MetricDefinition> metrics)
    {
        this(source, engine, metrics, ExportSettings.DEFAULT, HttpSettings.DEFAULT);
    }

    /** A configuration without alert rules. */
    public EngineConfig(
        final String source, final EngineSettings engine, final List<MetricDefinition> metrics,
        final ExportSettings export, final HttpSettings http)
    {
        this(source, engine, metrics, export, http, AlertSettings.NONE);
    }

    /** A configuration with the default StatsD listener settings and no telemetry events. */
    public EngineConfig(
        final String source, final EngineSettings engine, final List<MetricDefinition> metrics,
        final ExportSettings export, final HttpSettings http, final AlertSettings alerts)
    {
        this(source, engine, metrics, export, http, alerts, StatsdListenerSettings.DEFAULT, TelemetrySettings.NONE);
    }

    /** A configuration whose dashboard panels are generated from the catalog. */
    public EngineConfig(
        final String source, final EngineSettings engine, final List<MetricDefinition> metrics,
        final ExportSettings export, final HttpSettings http, final AlertSettings alerts,
        final StatsdListenerSettings statsd, final TelemetrySettings telemetry)
    {
        this(source, engine, metrics, export, http, alerts, statsd, telemetry, null);
    }

    /**
     * @param dashboard the declared dashboard panels (every line's metric in the catalog), or null for panels
     *                  {@link DashboardSettings#generated generated} from the catalog.
     */
    public EngineConfig(
        final String source, final EngineSettings engine, final List<MetricDefinition> metrics,
        final ExportSettings export, final HttpSettings http, final AlertSettings alerts,
        final StatsdListenerSettings statsd, final TelemetrySettings telemetry, final DashboardSettings dashboard)
    {
        this.dashboard = dashboard;
        this.statsd = Objects.requireNonNull(statsd, "statsd");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.export = Objects.requireNonNull(export, "export");
        this.http = Objects.requireNonNull(http, "http");
        this.source = Objects.requireNonNull(source, "source");
        this.engine = Objects.requireNonNull(engine, "engine");
        final Map<String, MetricDefinition> byName = new LinkedHashMap<>();
        for (final MetricDefinition m : metrics)
        {
            if (byName.put(m.name(), m) != null)
            {
                throw new IllegalArgumentException("duplicate metric '" + m.name() + "'");
            }
        }
        this.metrics = byName;
    }

    /** @return the configuration read from a YAML file. */
    public static EngineConfig load(final Path file) throws ConfigException
    {
        return ConfigLoader.load(file);
    }

    /** @return the configuration parsed from YAML text; {@code sourceName} is used in error messages. */
    public static EngineConfig parse(final String yaml, final String sourceName) throws ConfigException
    {
        return ConfigLoader.parse(yaml, sourceName);
    }

    /** @return the bundled copy of {@code config/analytics.yaml} (the DSPex catalog and default settings). */
    public static EngineConfig defaults()
    {
        return ConfigLoader.defaults();
    }

    /** @return where this configuration came from (a file path or a resource name). */
    public String source()
    {
        return source;
    }

    /** @return the engine settings. */
    public EngineSettings engine()
    {
        return engine;
    }

    /** @return how the exports name and shape metrics. */
    public ExportSettings export()
    {
        return export;
    }

    /** @return the HTTP endpoint's settings. */
    public HttpSettings http()
    {
        return http;
    }

    /** @return the alert rules, route, inhibitions and silences ({@link AlertSettings#NONE} without a section). */
    public AlertSettings alerts()
    {
        return alerts;
    }

    /** @return the StatsD/DogStatsD listener's settings ({@link StatsdListenerSettings#DEFAULT} without a section). */
    public StatsdListenerSettings statsd()
    {
        return statsd;
    }

    /** @return the telemetry events ({@link TelemetrySettings#NONE} without a section). */
    public TelemetrySettings telemetry()
    {
        return telemetry;
    }

    /**
     * @return the dashboard page's panels: the {@code dashboard:} section's, else one panel per catalog metric
     *         ({@link DashboardSettings#generated}).
     */
    public DashboardSettings dashboard()
    {
        return dashboard != null ? dashboard : DashboardSettings.generated(metrics());
    }

    /** @return a copy with other declared dashboard panels (null: generated from the catalog). */
    public EngineConfig withDashboard(final DashboardSettings newDashboard)
    {
        return new EngineConfig(source, engine, metrics(), export, http, alerts, statsd, telemetry, newDashboard);
    }

    /** @return the metric catalog in declaration order. */
    public List<MetricDefinition> metrics()
    {
        return List.copyOf(metrics.values());
    }

    /** @return the metric of that name, if the catalog has it. */
    public Optional<MetricDefinition> metric(final String name)
    {
        return Optional.ofNullable(metrics.get(name));
    }

    /** @return a copy with the engine settings changed by {@code change}. */
    public EngineConfig withEngine(final UnaryOperator<EngineSettings.Builder> change)
    {
        return new EngineConfig(source, change.apply(engine.toBuilder()).build(), metrics(), export, http, alerts,
            statsd, telemetry, dashboard);
    }

    /** @return a copy with other export settings. */
    public EngineConfig withExport(final ExportSettings newExport)
    {
        return new EngineConfig(source, engine, metrics(), newExport, http, alerts, statsd, telemetry, dashboard);
    }

    /** @return a copy with other HTTP settings. */
    public EngineConfig withHttp(final HttpSettings newHttp)
    {
        return new EngineConfig(source, engine, metrics(), export, newHttp, alerts, statsd, telemetry, dashboard);
    }

    /**
     * @return a copy with other alert settings (rule metrics are not checked against the catalog here: an unknown
     *         metric makes its rule's evaluations fail and count as errors).
     */
    public EngineConfig withAlerts(final AlertSettings newAlerts)
    {
        return new EngineConfig(source, engine, metrics(), export, http, newAlerts, statsd, telemetry, dashboard);
    }

    /** @return a copy with other StatsD listener settings. */
    public EngineConfig withStatsd(final StatsdListenerSettings newStatsd)
    {
        return new EngineConfig(source, engine, metrics(), export, http, alerts, newStatsd, telemetry, dashboard);
    }

    /**
     * @return a copy with other telemetry events (not checked against the catalog here: a mapping whose metric is
     *         missing or of another type is detached and counted when its event is resolved).
     */
    public EngineConfig withTelemetry(final TelemetrySettings newTelemetry)
    {
        return new EngineConfig(source, engine, metrics(), export, http, alerts, statsd, newTelemetry, dashboard);
    }

    /**
     * @return a copy with {@code extra} metrics appended to the catalog, those it already has (by name) left out: for
     *         adapters that record into metrics of their own (the StatsD listener's counts).
     * @throws IllegalArgumentException when an added metric would be exported under the name of another.
     */
    public EngineConfig withMetricsAdded(final List<MetricDefinition> extra)
    {
        final Map<String, MetricDefinition> all = new LinkedHashMap<>(metrics);
        final Map<String, String> exported = new LinkedHashMap<>();
        all.values().forEach(m -> exported.put(PrometheusNames.familyName(m, ""), m.name()));
        for (final MetricDefinition m : extra)
        {
            if (all.putIfAbsent(m.name(), m) == null)
            {
                final String other = exported.putIfAbsent(PrometheusNames.familyName(m, ""), m.name());
                if (other != null)
                {
                    throw new IllegalArgumentException("metric '" + m.name() + "' would be exported as '" +
                        PrometheusNames.familyName(m, "") + "', as metric '" + other + "' already is");
                }
            }
        }
        return new EngineConfig(source, engine, List.copyOf(all.values()), export, http, alerts, statsd, telemetry,
            dashboard);
    }

    /** @return a copy whose store lives in {@code dir}. */
    public EngineConfig withDataDirectory(final Path dir)
    {
        return withEngine(b -> b.dataDirectory(dir));
    }
}
