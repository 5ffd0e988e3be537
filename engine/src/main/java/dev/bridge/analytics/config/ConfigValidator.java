package dev.bridge.analytics.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a bound {@link ConfigDto} and builds the {@link EngineConfig}; every problem becomes a
 * {@link ConfigException} at the position {@link YamlPositions} recorded for the offending key or value. Checks what
 * the records' own constructors check (ring size, positive sizes, histogram range; their
 * {@link IllegalArgumentException}s name the YAML key and are mapped back to it) plus what only the file knows:
 * required keys, names, labels, duration signs and the exported-name collisions. One instance per load, confined
 * to the loading thread.
 */
final class ConfigValidator
{
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern UNIT = Pattern.compile("[a-z][a-z0-9_]*");
    private static final String RESERVED_METRIC_PREFIX = "engine_";
    private static final Set<String> RESERVED_LABELS = Set.of("le", "quantile");
    private static final EngineSettings DEFAULTS = EngineSettings.builder().build();

    private final String source;
    private final YamlPositions at;
    private final Path baseDirectory;

    /**
     * @param source        file or resource name, kept in the config and used in messages.
     * @param positions     where the keys and values are.
     * @param baseDirectory directory relative paths resolve against, or null to keep them relative.
     */
    ConfigValidator(final String source, final YamlPositions positions, final Path baseDirectory)
    {
        this.source = source;
        this.at = positions;
        this.baseDirectory = baseDirectory;
    }

    EngineConfig toConfig(final ConfigDto dto) throws ConfigException
    {
        final EngineSettings engineSettings = engine(dto.engine == null ? new ConfigDto.Engine() : dto.engine);
        if (dto.metrics == null)
        {
            throw at.error("metrics", at.value(""),
                "missing required section 'metrics:' (a mapping of metric names to definitions)");
        }
        final List<MetricDefinition> metrics = new ArrayList<>();
        for (final Map.Entry<String, ConfigDto.Metric> e : dto.metrics.entrySet())
        {
            metrics.add(metric(e.getKey(), e.getValue()));
        }
        final EngineSettings settings = dto.engine == null || dto.engine.resourceGauges == null ? engineSettings :
            engineSettings.toBuilder().resourceGauges(resourceGauges(dto.engine.resourceGauges, metrics)).build();
        checkExportedNames(metrics);
        final ExportSettings export = export(dto.export == null ? new ConfigDto.Export() : dto.export, metrics);
        final long rawMs = settings.rawResolution().toMillis();
        if (export.remoteWrite().interval().toMillis() % rawMs != 0)
        {
            throw at.errorAtValue("export.remote_write.interval", "interval (" +
                Durations.format(export.remoteWrite().interval()) + ") must be a multiple of engine.raw_resolution (" +
                Durations.format(settings.rawResolution()) + ")");
        }
        final HttpSettings http = http(dto.http == null ? new ConfigDto.Http() : dto.http);
        final AlertSettings alerts = dto.alerts == null ? AlertSettings.NONE :
            new AlertConfigValidator(at, metrics).alerts(dto.alerts);
        final IngestConfigValidator ingest = new IngestConfigValidator(at, metrics);
        final StatsdListenerSettings statsd = dto.statsd == null ? StatsdListenerSettings.DEFAULT : ingest.statsd(dto.statsd);
        final TelemetrySettings telemetry = dto.telemetry == null ? TelemetrySettings.NONE : ingest.telemetry(dto.telemetry);
        final DashboardSettings dashboard = dto.dashboard == null ? null :
            new DashboardConfigValidator(at, metrics).dashboard(dto.dashboard);
        return new EngineConfig(source, settings, metrics, export, http, alerts, statsd, telemetry, dashboard);
    }

    private EngineSettings engine(final ConfigDto.Engine e) throws ConfigException
    {
        checkRanges(e);
        final EngineSettings.Builder b = DEFAULTS.toBuilder();
        if (e.ringSize != null)
        {
            b.ringSize(e.ringSize);
        }
        if (e.producerType != null)
        {
            throw at.errorAtKey("engine.producer_type", "producer_type was removed: every recording thread now " +
                "publishes into its own single-producer ring (threads beyond max_producer_threads share one " +
                "multi-producer ring), so there is nothing left to choose; delete the key");
        }
        if (e.producerRingSize != null)
        {
            b.producerRingSize(e.producerRingSize);
        }
        if (e.maxProducerThreads != null)
        {
            b.maxProducerThreads(e.maxProducerThreads);
        }
        if (e.waitStrategy != null)
        {
            b.waitStrategy(e.waitStrategy);
        }
        if (e.overflowPolicy != null)
        {
            b.overflowPolicy(e.overflowPolicy);
        }
        if (e.pipelineThreading != null)
        {
            b.pipelineThreading(e.pipelineThreading);
        }
        if (e.labelCardinalityLimit != null)
        {
            b.labelCardinalityLimit(e.labelCardinalityLimit);
        }
        if (e.maxSeries != null)
        {
            b.maxSeries(e.maxSeries);
        }
        if (e.dataDirectory != null)
        {
            b.dataDirectory(directory(e.dataDirectory));
        }
        if (e.storeEntries != null)
        {
            b.storeEntries(e.storeEntries);
        }
        if (e.maxQueryPoints != null)
        {
            b.maxQueryPoints(e.maxQueryPoints);
        }
        final Duration raw = wholeSeconds("raw_resolution", e.rawResolution, DEFAULTS.rawResolution());
        final Duration aggregation = wholeSeconds("aggregation_interval", e.aggregationInterval,
            DEFAULTS.aggregationInterval());
        if (aggregation.getSeconds() % raw.getSeconds() != 0)
        {
            throw at.errorAtValue(e.aggregationInterval != null || e.rawResolution == null ?
                "engine.aggregation_interval" : "engine.raw_resolution",
                "aggregation_interval (" + Durations.format(aggregation) + ") must be a multiple of raw_resolution (" +
                Durations.format(raw) + ")");
        }
        b.rawResolution(raw).aggregationInterval(aggregation)
            .retentionPeriod(positive("retention_period", e.retentionPeriod, DEFAULTS.retentionPeriod()))
            .rawRetention(positive("raw_retention", e.rawRetention, DEFAULTS.rawRetention()))
            .longTermInterval(wholeSeconds("long_term_interval", e.longTermInterval, DEFAULTS.longTermInterval()))
            .longTermRetention(positive("long_term_retention", e.longTermRetention, DEFAULTS.longTermRetention()))
            .commitInterval(positive("commit_interval", e.commitInterval, DEFAULTS.commitInterval()))
            .tickInterval(positive("tick_interval", e.tickInterval, DEFAULTS.tickInterval()));
        if (e.resourceSamplingInterval != null)
        {
            b.resourceSamplingInterval(e.resourceSamplingInterval); // 0 turns sampling off
        }
        final EngineSettings settings;
        try
        {
            settings = b.build();
        }
        catch (final IllegalArgumentException | NullPointerException ex)
        {
            final String key = firstKeyNamed(ex.getMessage(), ConfigBinder.keysOf(ConfigDto.Engine.class), "engine");
            throw at.errorAtValue(key.isEmpty() ? "engine" : "engine." + key, ex.getMessage());
        }
        checkBucketsFit(settings);
        return settings;
    }

    /** {@code engine.resource_gauges}: each name given must be a label-less gauge of the catalog. */
    private ResourceGauges resourceGauges(final ConfigDto.ResourceGaugeNames r, final List<MetricDefinition> metrics)
        throws ConfigException
    {
        final List<String> names = java.util.Arrays.asList(r.heapMb, r.threads, r.offHeapMb);
        for (int i = 0; i < names.size(); i++)
        {
            final String name = names.get(i);
            if (name == null)
            {
                continue;
            }
            final String field = "engine.resource_gauges." + ResourceGauges.KEYS.get(i);
            final MetricDefinition m = metrics.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
            if (m == null)
            {
                throw at.errorAtValue(field, "unknown metric '" + name + "'; known metrics: " +
                    String.join(", ", metrics.stream().map(MetricDefinition::name).toList()));
            }
            if (m.type() != MetricType.GAUGE || !m.labels().isEmpty())
            {
                throw at.errorAtValue(field, "metric '" + name + "' must be a gauge without labels; it is a " +
                    ConfigDeserializers.spelling(m.type()) + (m.labels().isEmpty() ? "" : " with labels " + m.labels()));
            }
        }
        return new ResourceGauges(r.heapMb, r.threads, r.offHeapMb);
    }

    /** Every numeric and duration key of the engine section against its {@link ConfigRanges range}. */
    private void checkRanges(final ConfigDto.Engine e) throws ConfigException
    {
        ConfigRanges.check(at, "engine.ring_size", e.ringSize);
        ConfigRanges.check(at, "engine.producer_ring_size", e.producerRingSize);
        ConfigRanges.check(at, "engine.max_producer_threads", e.maxProducerThreads);
        ConfigRanges.check(at, "engine.label_cardinality_limit", e.labelCardinalityLimit);
        ConfigRanges.check(at, "engine.max_series", e.maxSeries);
        ConfigRanges.check(at, "engine.store_entries", e.storeEntries);
        ConfigRanges.check(at, "engine.max_query_points", e.maxQueryPoints);
        ConfigRanges.check(at, "engine.raw_resolution", e.rawResolution);
        ConfigRanges.check(at, "engine.aggregation_interval", e.aggregationInterval);
        ConfigRanges.check(at, "engine.long_term_interval", e.longTermInterval);
        ConfigRanges.check(at, "engine.raw_retention", e.rawRetention);
        ConfigRanges.check(at, "engine.retention_period", e.retentionPeriod);
        ConfigRanges.check(at, "engine.long_term_retention", e.longTermRetention);
        ConfigRanges.check(at, "engine.commit_interval", e.commitInterval);
        ConfigRanges.check(at, "engine.tick_interval", e.tickInterval);
        ConfigRanges.check(at, "engine.resource_sampling_interval", e.resourceSamplingInterval);
    }

    /**
     * One series' buckets at each resolution (retention / interval) must fit in the store: a retention the store
     * cannot hold even for a single series is refused at its key, naming both numbers.
     */
    private void checkBucketsFit(final EngineSettings settings) throws ConfigException
    {
        final String[] retentionKeys = { "raw_retention", "retention_period", "long_term_retention" };
        final String[] intervalKeys = { "raw_resolution", "aggregation_interval", "long_term_interval" };
        final List<Resolution> resolutions = settings.resolutions();
        for (int i = 0; i < resolutions.size(); i++)
        {
            final Resolution r = resolutions.get(i);
            final long buckets = r.retention().toSeconds() / r.width().toSeconds();
            if (buckets > settings.storeEntries())
            {
                final String key = at.has("engine." + retentionKeys[i]) || !at.has("engine.store_entries") ?
                    retentionKeys[i] : "store_entries";
                throw at.errorAtValue("engine." + key, retentionKeys[i] + " (" + Durations.format(r.retention()) +
                    ") keeps " + buckets + " buckets of " + intervalKeys[i] + " (" + Durations.format(r.width()) +
                    ") per series, more than store_entries (" + settings.storeEntries() + ") holds in all: shorten " +
                    retentionKeys[i] + ", widen " + intervalKeys[i] + " or raise store_entries");
            }
        }
    }

    private ExportSettings export(final ConfigDto.Export e, final List<MetricDefinition> metrics) throws ConfigException
    {
        final ExportSettings d = ExportSettings.DEFAULT;
        if (e.histogramBuckets != null)
        {
            for (final String name : e.histogramBuckets.keySet())
            {
                final boolean histogram = metrics.stream()
                    .anyMatch(m -> m.name().equals(name) && m.type() == MetricType.HISTOGRAM);
                if (!histogram)
                {
                    throw at.errorAtKey("export.histogram_buckets." + name,
                        "'" + name + "' is not a histogram metric of the catalog");
                }
            }
        }
        final StatsdPushSettings statsd = statsd(e.statsd == null ? new ConfigDto.Statsd() : e.statsd);
        final RemoteWriteSettings remoteWrite =
            remoteWrite(e.remoteWrite == null ? new ConfigDto.RemoteWrite() : e.remoteWrite, metrics);
        try
        {
            return new ExportSettings(
                e.prefix != null ? e.prefix : d.prefix(),
                e.summaryQuantiles != null ? e.summaryQuantiles : d.summaryQuantiles(),
                e.histogramBuckets != null ? e.histogramBuckets : d.histogramBuckets(),
                statsd, remoteWrite);
        }
        catch (final IllegalArgumentException ex)
        {
            final String message = ex.getMessage();
            final String key = message.startsWith("histogram_buckets.") ?
                message.substring(0, message.indexOf(' ')) :
                firstKeyNamed(message, ConfigBinder.keysOf(ConfigDto.Export.class), "export");
            throw at.errorAtValue(key.isEmpty() ? "export" : "export." + key, message);
        }
    }

    private StatsdPushSettings statsd(final ConfigDto.Statsd s) throws ConfigException
    {
        ConfigRanges.check(at, "export.statsd.port", s.port);
        ConfigRanges.check(at, "export.statsd.interval", s.interval);
        ConfigRanges.check(at, "export.statsd.max_packet_bytes", s.maxPacketBytes);
        final StatsdPushSettings d = StatsdPushSettings.DEFAULT;
        try
        {
            return new StatsdPushSettings(
                s.enabled != null ? s.enabled : d.enabled(),
                s.host != null ? s.host : d.host(),
                s.port != null ? s.port : d.port(),
                s.interval != null ? s.interval : d.interval(),
                s.flavour != null ? s.flavour : d.flavour(),
                s.maxPacketBytes != null ? s.maxPacketBytes : d.maxPacketBytes());
        }
        catch (final IllegalArgumentException ex)
        {
            final String key = firstKeyNamed(ex.getMessage(), ConfigBinder.keysOf(ConfigDto.Statsd.class), "export.statsd");
            throw at.errorAtValue(key.isEmpty() ? "export.statsd" : "export.statsd." + key, ex.getMessage());
        }
    }

    private RemoteWriteSettings remoteWrite(final ConfigDto.RemoteWrite r, final List<MetricDefinition> metrics)
        throws ConfigException
    {
        final RemoteWriteSettings d = RemoteWriteSettings.DEFAULT;
        final String section = "export.remote_write";
        ConfigRanges.check(at, section + ".interval", r.interval);
        ConfigRanges.check(at, section + ".timeout", r.timeout);
        ConfigRanges.check(at, section + ".max_samples_per_send", r.maxSamplesPerSend);
        ConfigRanges.check(at, section + ".min_backoff", r.minBackoff);
        ConfigRanges.check(at, section + ".max_backoff", r.maxBackoff);
        ConfigRanges.check(at, section + ".close_timeout", r.closeTimeout);
        java.net.URI url = null;
        if (r.url != null)
        {
            try
            {
                url = new java.net.URI(r.url);
            }
            catch (final java.net.URISyntaxException ex)
            {
                throw at.errorAtValue(section + ".url", "not a URL: " + ex.getMessage());
            }
        }
        if (r.externalLabels != null)
        {
            for (final String name : r.externalLabels.keySet())
            {
                for (final MetricDefinition m : metrics)
                {
                    if (m.labels().contains(name))
                    {
                        throw at.errorAtKey(section + ".external_labels." + name, "'" + name +
                            "' is a label of metric '" + m.name() + "': an external label must not hide a series label");
                    }
                }
            }
        }
        final RemoteWriteSettings settings;
        try
        {
            settings = new RemoteWriteSettings(
                r.enabled != null ? r.enabled : d.enabled(),
                url,
                r.interval != null ? r.interval : d.interval(),
                r.timeout != null ? r.timeout : d.timeout(),
                r.externalLabels != null ? r.externalLabels : d.externalLabels(),
                r.maxSamplesPerSend != null ? r.maxSamplesPerSend : d.maxSamplesPerSend(),
                r.minBackoff != null ? r.minBackoff : d.minBackoff(),
                r.maxBackoff != null ? r.maxBackoff : d.maxBackoff(),
                r.nativeHistograms != null ? r.nativeHistograms : d.nativeHistograms(),
                r.classicHistograms != null ? r.classicHistograms : d.classicHistograms(),
                r.closeTimeout != null ? r.closeTimeout : d.closeTimeout(),
                remoteWriteHeaders(r, section));
        }
        catch (final IllegalArgumentException ex)
        {
            final String message = ex.getMessage();
            final String key = message.startsWith("url is required") ? "enabled" :
                firstKeyNamed(message, ConfigBinder.keysOf(ConfigDto.RemoteWrite.class), section);
            throw at.errorAtValue(key.isEmpty() ? section : section + "." + key, message);
        }
        return settings;
    }

    /** @return {@code headers} with the Authorization header {@code bearer_token} or {@code basic_auth} makes. */
    private Map<String, String> remoteWriteHeaders(final ConfigDto.RemoteWrite r, final String section)
        throws ConfigException
    {
        final Map<String, String> headers = new java.util.LinkedHashMap<>(r.headers != null ? r.headers : Map.of());
        final boolean authorizationHeader = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization"));
        if (r.bearerToken != null && r.basicAuth != null)
        {
            throw at.errorAtKey(section + ".basic_auth", "bearer_token and basic_auth cannot both be set");
        }
        if ((r.bearerToken != null || r.basicAuth != null) && authorizationHeader)
        {
            throw at.errorAtKey(section + (r.bearerToken != null ? ".bearer_token" : ".basic_auth"),
                "headers already has an Authorization header");
        }
        if (r.bearerToken != null)
        {
            if (r.bearerToken.isBlank())
            {
                throw at.errorAtValue(section + ".bearer_token", "bearer_token must not be empty");
            }
            headers.put("Authorization", "Bearer " + r.bearerToken);
        }
        if (r.basicAuth != null)
        {
            if (r.basicAuth.username == null || r.basicAuth.username.isEmpty() || r.basicAuth.username.contains(":"))
            {
                throw at.errorAtKey(section + ".basic_auth", "basic_auth needs a username without ':'");
            }
            if (r.basicAuth.password == null)
            {
                throw at.errorAtKey(section + ".basic_auth", "basic_auth needs a password");
            }
            headers.put("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                (r.basicAuth.username + ":" + r.basicAuth.password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return headers;
    }

    private HttpSettings http(final ConfigDto.Http h) throws ConfigException
    {
        ConfigRanges.check(at, "http.port", h.port);
        ConfigRanges.check(at, "http.max_request_bytes", h.maxRequestBytes);
        ConfigRanges.check(at, "http.max_connections", h.maxConnections);
        ConfigRanges.check(at, "http.idle_timeout", h.idleTimeout);
        ConfigRanges.check(at, "http.read_timeout", h.readTimeout);
        ConfigRanges.check(at, "http.max_concurrent_heavy_requests", h.maxConcurrentHeavyRequests);
        ConfigRanges.check(at, "http.max_queued_heavy_requests", h.maxQueuedHeavyRequests);
        final HttpSettings d = HttpSettings.DEFAULT;
        try
        {
            return new HttpSettings(
                h.bind != null ? h.bind : d.bind(),
                h.port != null ? h.port : d.port(),
                h.bearerToken != null ? h.bearerToken : d.bearerToken(),
                h.maxRequestBytes != null ? h.maxRequestBytes : d.maxRequestBytes(),
                h.maxConnections != null ? h.maxConnections : d.maxConnections(),
                h.idleTimeout != null ? h.idleTimeout : d.idleTimeout(),
                h.readTimeout != null ? h.readTimeout : d.readTimeout(),
                h.maxConcurrentHeavyRequests != null ? h.maxConcurrentHeavyRequests : d.maxConcurrentHeavyRequests(),
                h.maxQueuedHeavyRequests != null ? h.maxQueuedHeavyRequests : d.maxQueuedHeavyRequests());
        }
        catch (final IllegalArgumentException ex)
        {
            final String key = firstKeyNamed(ex.getMessage(), ConfigBinder.keysOf(ConfigDto.Http.class), "http");
            throw at.errorAtValue(key.isEmpty() ? "http" : "http." + key, ex.getMessage());
        }
    }

    private Path directory(final String text) throws ConfigException
    {
        if (text.isBlank())
        {
            throw at.errorAtValue("engine.data_directory", "data_directory must not be empty");
        }
        try
        {
            final Path dir = Path.of(text);
            return baseDirectory == null || dir.isAbsolute() ? dir : baseDirectory.resolve(dir).normalize();
        }
        catch (final InvalidPathException ex)
        {
            throw at.errorAtValue("engine.data_directory", "not a valid path: " + ex.getMessage());
        }
    }

    private Duration positive(final String key, final Duration value, final Duration fallback) throws ConfigException
    {
        if (value == null)
        {
            return fallback;
        }
        if (value.isZero() || value.isNegative())
        {
            throw at.errorAtValue("engine." + key, key + " must be > 0, was " + Durations.format(value));
        }
        return value;
    }

    private Duration wholeSeconds(final String key, final Duration value, final Duration fallback)
        throws ConfigException
    {
        final Duration d = positive(key, value, fallback);
        if (d.getNano() != 0)
        {
            throw at.errorAtValue("engine." + key, key + " must be a whole number of seconds, was " +
                Durations.format(d));
        }
        return d;
    }

    private MetricDefinition metric(final String name, final ConfigDto.Metric m) throws ConfigException
    {
        final String path = "metrics." + name;
        if (!NAME.matcher(name).matches())
        {
            throw at.errorAtKey(path, "bad metric name '" + name + "': names must match [a-z_][a-z0-9_]*");
        }
        if (name.startsWith(RESERVED_METRIC_PREFIX))
        {
            throw at.errorAtKey(path, "metric names starting with '" + RESERVED_METRIC_PREFIX +
                "' are reserved for the engine's own metrics");
        }
        if (m.type == null)
        {
            throw missing(path, "type", "one of " + ConfigDeserializers.spellings(MetricType.class));
        }
        if (m.unit == null)
        {
            throw missing(path, "unit", "e.g. operations, microseconds, megabytes");
        }
        if (!UNIT.matcher(m.unit).matches())
        {
            throw at.errorAtValue(path + ".unit", "bad unit '" + m.unit +
                "': units are lower-case words matching [a-z][a-z0-9_]*, e.g. microseconds");
        }
        if (m.help == null)
        {
            throw missing(path, "help", "a one-line description");
        }
        final String help = m.help.strip();
        if (help.isEmpty() || help.indexOf('\n') >= 0 || help.indexOf('\r') >= 0)
        {
            throw at.errorAtValue(path + ".help", "help must be one non-empty line");
        }
        return new MetricDefinition(name, m.type, m.unit, help, labels(path, m.labels), histogram(path, m));
    }

    private ConfigException missing(final String path, final String key, final String hint)
    {
        return at.error(path + "." + key, at.key(path), "missing required key '" + key + "' (" + hint + ")");
    }

    private List<String> labels(final String path, final List<String> labels) throws ConfigException
    {
        if (labels == null)
        {
            return List.of();
        }
        final Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < labels.size(); i++)
        {
            final String label = labels.get(i);
            final String field = path + ".labels[" + i + "]";
            if (!NAME.matcher(label).matches())
            {
                throw at.errorAtValue(field, "bad label name '" + label + "': names must match [a-z_][a-z0-9_]*");
            }
            if (label.startsWith("__"))
            {
                throw at.errorAtValue(field, "label names starting with '__' are reserved");
            }
            if (RESERVED_LABELS.contains(label))
            {
                throw at.errorAtValue(field, "label name '" + label + "' is reserved by Prometheus");
            }
            final Integer first = seen.putIfAbsent(label, i);
            if (first != null)
            {
                throw at.errorAtValue(field, "duplicate label '" + label + "' (also labels[" + first + "])");
            }
        }
        return labels;
    }

    private HistogramSpec histogram(final String path, final ConfigDto.Metric m) throws ConfigException
    {
        final String field = path + ".histogram";
        if (m.type != MetricType.HISTOGRAM)
        {
            if (m.histogram != null)
            {
                throw at.errorAtKey(field, "only histogram metrics take a histogram range; this metric is a " +
                    ConfigDeserializers.spelling(m.type));
            }
            return null;
        }
        final ConfigDto.Histogram h = m.histogram;
        if (h == null)
        {
            throw at.error(field, at.key(path), "missing required key 'histogram' (histogram metrics need a range, " +
                "e.g. histogram: { lowest: 1, highest: 60000000, significant_digits: 3 })");
        }
        if (h.lowest == null)
        {
            throw missing(field, "lowest", "smallest value told apart from 0, >= 1");
        }
        if (h.highest == null)
        {
            throw missing(field, "highest", "largest accepted value, >= 2 * lowest");
        }
        if (h.significantDigits == null)
        {
            throw missing(field, "significant_digits", "decimal digits of precision, 0..5");
        }
        ConfigRanges.check(at, field + ".lowest", h.lowest);
        ConfigRanges.check(at, field + ".highest", h.highest);
        ConfigRanges.check(at, field + ".significant_digits", h.significantDigits);
        ConfigRanges.check(at, field + ".exact_samples", h.exactSamples);
        try
        {
            return new HistogramSpec(h.lowest, h.highest, h.significantDigits, h.exactSamples == null ? 0 : h.exactSamples);
        }
        catch (final IllegalArgumentException ex)
        {
            final String key = firstKeyNamed(ex.getMessage(), ConfigBinder.keysOf(ConfigDto.Histogram.class), field);
            throw at.errorAtValue(key.isEmpty() ? field : field + "." + key, ex.getMessage());
        }
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
                throw at.errorAtKey("metrics." + m.name(), "exported to Prometheus as '" + family +
                    "', as metric '" + other + "' (line " + at.key("metrics." + other).line() + ") already is");
            }
        }
    }

    /**
     * @return the key of {@code keys} named first in {@code message} that the file has under {@code section};
     * else the first named at all; else "".
     */
    private String firstKeyNamed(final String message, final List<String> keys, final String section)
    {
        String firstNamed = "";
        String firstPresent = "";
        int firstNamedAt = Integer.MAX_VALUE;
        int firstPresentAt = Integer.MAX_VALUE;
        for (final String key : keys)
        {
            final Matcher m = Pattern.compile("\\b" + Pattern.quote(key) + "\\b").matcher(message == null ? "" : message);
            if (m.find())
            {
                if (m.start() < firstNamedAt)
                {
                    firstNamed = key;
                    firstNamedAt = m.start();
                }
                if (m.start() < firstPresentAt && at.has(section + "." + key))
                {
                    firstPresent = key;
                    firstPresentAt = m.start();
                }
            }
        }
        return firstPresent.isEmpty() ? firstNamed : firstPresent;
    }
}
