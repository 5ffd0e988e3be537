package dev.bridge.analytics.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link EngineConfig} from a bound {@link ConfigDto}, one section at a time through the per-section
 * factories that hold each setting's rules next to its record ({@link EngineSettings#from},
 * {@link MetricDefinition#from}, {@link ExportSettings#from}, {@link HttpSettings#from}, {@link AlertSettings#from},
 * {@link StatsdListenerSettings#from}, {@link TelemetrySettings#from}, {@link DashboardSettings#from}), and checks
 * what spans sections: the exported-name collisions and remote write's interval against the raw resolution. Every
 * problem is a {@link ConfigException} placed by {@link Checks} at the YAML path it is about. One instance per load,
 * confined to the loading thread.
 */
final class ConfigValidator
{
    private final String source;
    private final Checks checks;
    private final Path baseDirectory;

    /**
     * @param source        file or resource name, kept in the config and used in messages.
     * @param positions     where the keys and values are.
     * @param baseDirectory directory relative paths resolve against, or null to keep them relative.
     */
    ConfigValidator(final String source, final YamlPositions positions, final Path baseDirectory)
    {
        this.source = source;
        this.checks = new Checks(positions);
        this.baseDirectory = baseDirectory;
    }

    EngineConfig toConfig(final ConfigDto dto) throws ConfigException
    {
        final EngineSettings engineSettings =
            EngineSettings.from(dto.engine == null ? new ConfigDto.Engine() : dto.engine, checks, baseDirectory);
        if (dto.metrics == null)
        {
            throw checks.positions().error("metrics", checks.positions().value(""),
                "missing required section 'metrics:' (a mapping of metric names to definitions)");
        }
        final List<MetricDefinition> metrics = new ArrayList<>();
        final Map<String, MetricDefinition> catalog = new LinkedHashMap<>();
        for (final Map.Entry<String, ConfigDto.Metric> e : dto.metrics.entrySet())
        {
            final MetricDefinition metric = MetricDefinition.from(e.getKey(), e.getValue(), checks);
            metrics.add(metric);
            catalog.put(metric.name(), metric);
        }
        final EngineSettings settings = dto.engine == null || dto.engine.resourceGauges == null ? engineSettings :
            engineSettings.toBuilder().resourceGauges(ResourceGauges.from(dto.engine.resourceGauges, checks, catalog))
                .build();
        checkExportedNames(metrics);
        final ExportSettings export =
            ExportSettings.from(dto.export == null ? new ConfigDto.Export() : dto.export, checks, metrics);
        final long rawMs = settings.rawResolution().toMillis();
        if (export.remoteWrite().interval().toMillis() % rawMs != 0)
        {
            throw checks.atValue("export.remote_write.interval", "interval (" +
                Durations.format(export.remoteWrite().interval()) + ") must be a multiple of engine.raw_resolution (" +
                Durations.format(settings.rawResolution()) + ")");
        }
        final HttpSettings http = HttpSettings.from(dto.http == null ? new ConfigDto.Http() : dto.http, checks);
        final AlertSettings alerts = dto.alerts == null ? AlertSettings.NONE :
            AlertSettings.from(dto.alerts, checks, metrics);
        final StatsdListenerSettings statsd = dto.statsd == null ? StatsdListenerSettings.DEFAULT :
            StatsdListenerSettings.from(dto.statsd, checks, catalog);
        final TelemetrySettings telemetry = dto.telemetry == null ? TelemetrySettings.NONE :
            TelemetrySettings.from(dto.telemetry, checks, catalog);
        final DashboardSettings dashboard = dto.dashboard == null ? null :
            DashboardSettings.from(dto.dashboard, checks, metrics);
        return new EngineConfig(source, settings, metrics, export, http, alerts, statsd, telemetry, dashboard);
    }

    private void checkExportedNames(final List<MetricDefinition> metrics) throws ConfigException
    {
        final Map<String, String> exported = new HashMap<>();
        for (final MetricDefinition m : metrics)
        {
            final String family = PrometheusNames.familyName(m, "");
            final String other = exported.putIfAbsent(family, m.name());
            if (other != null)
            {
                throw checks.atKey("metrics." + m.name(), "exported to Prometheus as '" + family +
                    "', as metric '" + other + "' (line " + checks.positions().key("metrics." + other).line() +
                    ") already is");
            }
        }
    }
}
