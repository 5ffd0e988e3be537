package dev.bridge.analytics.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.nio.file.InvalidPathException;

/**
 * Engine settings (the {@code engine:} section of the YAML). Immutable, thread-safe; resolved once before start,
 * never read again afterwards. Use {@link #builder()} or {@link #toBuilder()} to derive a changed copy.
 *
 * Every numeric and duration component is checked against its range in {@link ConfigRanges} (documented in
 * {@code docs/configuration.md}) before anything converts it.
 *
 * @param ringSize                 slots of the shared multi-producer ring (threads beyond the bound), a power of two
 *                                 in 64..4194304.
 * @param producerRingSize         slots of each recording thread's single-producer ring, a power of two in
 *                                 64..1048576.
 * @param maxProducerThreads       most per-thread rings, 1..4096.
 * @param waitStrategy             how the consumer waits.
 * @param overflowPolicy           block (default) or drop when the ring is full.
 * @param pipelineThreading        one consumer thread for all stages, or one per stage.
 * @param labelCardinalityLimit    series per metric before new label sets go to the metric's overflow series.
 * @param maxSeries                series the engine can hold in all (sizes the handler arrays).
 * @param dataDirectory            where the persisted store lives. The YAML loader resolves a relative
 *                                 {@code data_directory} against the directory holding the file when it loads a
 *                                 file, and keeps it relative (to the working dir) for parse() and defaults().
 * @param rawResolution            width of a raw time bucket, whole seconds >= 1 s.
 * @param aggregationInterval      the seed's rollup interval (60 s), a multiple of the raw resolution.
 * @param retentionPeriod          the seed's retention (24 h): how long aggregation_interval buckets are kept.
 * @param rawRetention             how long raw buckets are kept.
 * @param longTermInterval         the coarse rollup (1 h), a multiple of aggregation_interval.
 * @param longTermRetention        how long long_term_interval buckets are kept.
 * @param commitInterval           how often the consumer writes live buckets to the store (bounds the loss on kill -9).
 * @param tickInterval             longest the consumer stays idle before it closes buckets and commits anyway.
 * @param resourceSamplingInterval how often the engine samples memory, threads and off-heap use as gauges;
 *                                 {@link Duration#ZERO} turns sampling off.
 * @param storeEntries             capacity of the aggregate store in buckets (series x buckets kept).
 * @param maxQueryPoints           most points a time-series query may return; larger requests are refused.
 * @param resourceGauges           the catalog gauges the sampled heap, threads and off-heap use go into (default
 *                                 {@link ResourceGauges#NONE}: nothing sampled into the catalog).
 */
public record EngineSettings(
    int ringSize,
    int producerRingSize,
    int maxProducerThreads,
    WaitStrategyType waitStrategy,
    OverflowPolicy overflowPolicy,
    PipelineThreading pipelineThreading,
    int labelCardinalityLimit,
    int maxSeries,
    Path dataDirectory,
    Duration rawResolution,
    Duration aggregationInterval,
    Duration retentionPeriod,
    Duration rawRetention,
    Duration longTermInterval,
    Duration longTermRetention,
    Duration commitInterval,
    Duration tickInterval,
    Duration resourceSamplingInterval,
    long storeEntries,
    int maxQueryPoints,
    ResourceGauges resourceGauges)
{
    public EngineSettings
    {
        Objects.requireNonNull(waitStrategy, "wait_strategy");
        Objects.requireNonNull(overflowPolicy, "overflow_policy");
        Objects.requireNonNull(pipelineThreading, "pipeline_threading");
        Objects.requireNonNull(dataDirectory, "data_directory");
        Objects.requireNonNull(resourceGauges, "resource_gauges");
        ConfigRanges.require("engine.ring_size", ringSize);
        ConfigRanges.require("engine.producer_ring_size", producerRingSize);
        ConfigRanges.require("engine.max_producer_threads", maxProducerThreads);
        ConfigRanges.require("engine.label_cardinality_limit", labelCardinalityLimit);
        ConfigRanges.require("engine.max_series", maxSeries);
        ConfigRanges.require("engine.store_entries", storeEntries);
        ConfigRanges.require("engine.max_query_points", maxQueryPoints);
        ConfigRanges.require("engine.raw_resolution", Objects.requireNonNull(rawResolution, "raw_resolution"));
        ConfigRanges.require("engine.aggregation_interval",
            Objects.requireNonNull(aggregationInterval, "aggregation_interval"));
        ConfigRanges.require("engine.long_term_interval", Objects.requireNonNull(longTermInterval, "long_term_interval"));
        ConfigRanges.require("engine.raw_retention", Objects.requireNonNull(rawRetention, "raw_retention"));
        ConfigRanges.require("engine.retention_period", Objects.requireNonNull(retentionPeriod, "retention_period"));
        ConfigRanges.require("engine.long_term_retention",
            Objects.requireNonNull(longTermRetention, "long_term_retention"));
        ConfigRanges.require("engine.commit_interval", Objects.requireNonNull(commitInterval, "commit_interval"));
        ConfigRanges.require("engine.tick_interval", Objects.requireNonNull(tickInterval, "tick_interval"));
        ConfigRanges.require("engine.resource_sampling_interval",
            Objects.requireNonNull(resourceSamplingInterval, "resource_sampling_interval"));
        wholeSeconds("raw_resolution", rawResolution);
        wholeSeconds("aggregation_interval", aggregationInterval);
        if (aggregationInterval.toSeconds() % rawResolution.toSeconds() != 0)
        {
            throw new InvalidSettingException("aggregation_interval (" + aggregationInterval.toSeconds() +
                "s) must be a multiple of raw_resolution (" + rawResolution.toSeconds() + "s)",
                "aggregation_interval", "raw_resolution");
        }
        positive("retention_period", retentionPeriod);
        positive("raw_retention", rawRetention);
        wholeSeconds("long_term_interval", longTermInterval);
        positive("long_term_retention", longTermRetention);
        if (longTermInterval.toSeconds() % aggregationInterval.toSeconds() != 0)
        {
            throw new InvalidSettingException("long_term_interval (" + longTermInterval.toSeconds() +
                "s) must be a multiple of aggregation_interval (" + aggregationInterval.toSeconds() + "s)",
                "long_term_interval", "aggregation_interval");
        }
        atLeast("raw_retention", rawRetention, "raw_resolution", rawResolution);
        atLeast("retention_period", retentionPeriod, "aggregation_interval", aggregationInterval);
        atLeast("long_term_retention", longTermRetention, "long_term_interval", longTermInterval);
        positive("commit_interval", commitInterval);
        positive("tick_interval", tickInterval);
        if (resourceSamplingInterval.isNegative())
        {
            throw new InvalidSettingException("resource_sampling_interval must be >= 0, was " + resourceSamplingInterval,
                "resource_sampling_interval");
        }
    }

    /** Most series an engine can hold: ids are 24 bits in the store's bucket keys. */
    public static final int MAX_SERIES = 1 << 24;

    private static void positive(final String field, final Duration value)
    {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero())
        {
            throw new InvalidSettingException(field + " must be a positive duration, was " + value, field);
        }
    }

    private static void atLeast(final String field, final Duration value, final String widthField, final Duration width)
    {
        if (value.compareTo(width) < 0)
        {
            throw new InvalidSettingException(field + " (" + value.toSeconds() + "s) must be at least " + widthField +
                " (" + width.toSeconds() + "s)", field, widthField);
        }
    }

    /** @return the resolutions kept, finest first: raw, aggregation_interval, long_term_interval. */
    public List<Resolution> resolutions()
    {
        return List.of(
            new Resolution(0, rawResolution, rawRetention),
            new Resolution(1, aggregationInterval, retentionPeriod),
            new Resolution(2, longTermInterval, longTermRetention));
    }

    private static void wholeSeconds(final String field, final Duration value)
    {
        positive(field, value);
        if (value.toNanos() % 1_000_000_000L != 0)
        {
            throw new InvalidSettingException(field + " must be a whole number of seconds, was " + value, field);
        }
    }

    /**
     * @return the defaults of {@code config/analytics.yaml}'s engine section, except {@code resource_gauges}: none
     *         (the bundled file names the DSPex catalog's gauges).
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /** @return a builder holding these settings. */
    public Builder toBuilder()
    {
        return new Builder()
            .ringSize(ringSize).producerRingSize(producerRingSize).maxProducerThreads(maxProducerThreads)
            .waitStrategy(waitStrategy)
            .overflowPolicy(overflowPolicy).pipelineThreading(pipelineThreading)
            .labelCardinalityLimit(labelCardinalityLimit).maxSeries(maxSeries).dataDirectory(dataDirectory)
            .rawResolution(rawResolution).aggregationInterval(aggregationInterval).retentionPeriod(retentionPeriod)
            .rawRetention(rawRetention).longTermInterval(longTermInterval).longTermRetention(longTermRetention)
            .commitInterval(commitInterval).tickInterval(tickInterval)
            .resourceSamplingInterval(resourceSamplingInterval).storeEntries(storeEntries)
            .maxQueryPoints(maxQueryPoints).resourceGauges(resourceGauges);
    }

    /** Fluent builder; not thread-safe. {@link #build()} validates. */
    public static final class Builder
    {
        private int ringSize = 65536;
        private int producerRingSize = 4096;
        private int maxProducerThreads = 64;
        private WaitStrategyType waitStrategy = WaitStrategyType.SLEEPING;
        private OverflowPolicy overflowPolicy = OverflowPolicy.BLOCK;
        private PipelineThreading pipelineThreading = PipelineThreading.SINGLE_THREAD;
        private int labelCardinalityLimit = 1000;
        private int maxSeries = 16384;
        private Path dataDirectory = Path.of("data");
        private Duration rawResolution = Duration.ofSeconds(1);
        private Duration aggregationInterval = Duration.ofSeconds(60);
        private Duration retentionPeriod = Duration.ofHours(24);
        private Duration rawRetention = Duration.ofHours(1);
        private Duration longTermInterval = Duration.ofHours(1);
        private Duration longTermRetention = Duration.ofDays(30);
        private Duration commitInterval = Duration.ofMillis(100);
        private Duration tickInterval = Duration.ofMillis(50);
        private Duration resourceSamplingInterval = Duration.ofSeconds(1);
        private long storeEntries = 600_000L;
        private int maxQueryPoints = 10_000;
        private ResourceGauges resourceGauges = ResourceGauges.NONE;

        public Builder ringSize(final int v) { ringSize = v; return this; }
        public Builder producerRingSize(final int v) { producerRingSize = v; return this; }
        public Builder maxProducerThreads(final int v) { maxProducerThreads = v; return this; }
        public Builder waitStrategy(final WaitStrategyType v) { waitStrategy = v; return this; }
        public Builder overflowPolicy(final OverflowPolicy v) { overflowPolicy = v; return this; }
        public Builder pipelineThreading(final PipelineThreading v) { pipelineThreading = v; return this; }
        public Builder labelCardinalityLimit(final int v) { labelCardinalityLimit = v; return this; }
        public Builder maxSeries(final int v) { maxSeries = v; return this; }
        public Builder dataDirectory(final Path v) { dataDirectory = v; return this; }
        public Builder rawResolution(final Duration v) { rawResolution = v; return this; }
        public Builder aggregationInterval(final Duration v) { aggregationInterval = v; return this; }
        public Builder retentionPeriod(final Duration v) { retentionPeriod = v; return this; }
        public Builder rawRetention(final Duration v) { rawRetention = v; return this; }
        public Builder longTermInterval(final Duration v) { longTermInterval = v; return this; }
        public Builder longTermRetention(final Duration v) { longTermRetention = v; return this; }
        public Builder commitInterval(final Duration v) { commitInterval = v; return this; }
        public Builder tickInterval(final Duration v) { tickInterval = v; return this; }
        public Builder resourceSamplingInterval(final Duration v) { resourceSamplingInterval = v; return this; }
        public Builder storeEntries(final long v) { storeEntries = v; return this; }
        public Builder maxQueryPoints(final int v) { maxQueryPoints = v; return this; }
        public Builder resourceGauges(final ResourceGauges v) { resourceGauges = v; return this; }

        /** @return validated settings; throws IllegalArgumentException naming the field. */
        public EngineSettings build()
        {
            return new EngineSettings(ringSize, producerRingSize, maxProducerThreads, waitStrategy, overflowPolicy, pipelineThreading,
                labelCardinalityLimit, maxSeries, dataDirectory, rawResolution, aggregationInterval,
                retentionPeriod, rawRetention, longTermInterval, longTermRetention, commitInterval, tickInterval, resourceSamplingInterval, storeEntries, maxQueryPoints,
                resourceGauges);
        }
    }

    /**
     * The {@code engine:} section of a configuration file: every rule of a setting given in the file, at its path.
     *
     * @param e             the section as bound (all fields null: every default).
     * @param checks        where errors are placed.
     * @param baseDirectory directory a relative {@code data_directory} resolves against, or null to keep it relative.
     * @return the settings, without {@code resource_gauges} (they need the catalog: {@link ResourceGauges#from}).
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static EngineSettings from(final ConfigDto.Engine e, final Checks checks, final Path baseDirectory)
        throws ConfigException
    {
        for (final SettingRange range : ConfigRanges.ALL)
        {
            if (range.key().startsWith("engine."))
            {
                checkRange(checks, range.key(), e);
            }
        }
        final EngineSettings defaults = builder().build();
        final Builder b = defaults.toBuilder();
        if (e.producerType != null)
        {
            throw checks.atKey("engine.producer_type", "producer_type was removed: every recording thread now " +
                "publishes into its own single-producer ring (threads beyond max_producer_threads share one " +
                "multi-producer ring), so there is nothing left to choose; delete the key");
        }
        if (e.ringSize != null)
        {
            b.ringSize(e.ringSize);
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
            b.dataDirectory(directory(checks, e.dataDirectory, baseDirectory));
        }
        if (e.storeEntries != null)
        {
            b.storeEntries(e.storeEntries);
        }
        if (e.maxQueryPoints != null)
        {
            b.maxQueryPoints(e.maxQueryPoints);
        }
        final Duration raw = checks.wholeSeconds("engine.raw_resolution", e.rawResolution, defaults.rawResolution());
        final Duration aggregation = checks.wholeSeconds("engine.aggregation_interval", e.aggregationInterval,
            defaults.aggregationInterval());
        if (aggregation.getSeconds() % raw.getSeconds() != 0)
        {
            throw checks.atValue(e.aggregationInterval != null || e.rawResolution == null ?
                "engine.aggregation_interval" : "engine.raw_resolution",
                "aggregation_interval (" + Durations.format(aggregation) + ") must be a multiple of raw_resolution (" +
                Durations.format(raw) + ")");
        }
        b.rawResolution(raw).aggregationInterval(aggregation)
            .retentionPeriod(checks.positive("engine.retention_period", e.retentionPeriod, defaults.retentionPeriod()))
            .rawRetention(checks.positive("engine.raw_retention", e.rawRetention, defaults.rawRetention()))
            .longTermInterval(checks.wholeSeconds("engine.long_term_interval", e.longTermInterval,
                defaults.longTermInterval()))
            .longTermRetention(checks.positive("engine.long_term_retention", e.longTermRetention,
                defaults.longTermRetention()))
            .commitInterval(checks.positive("engine.commit_interval", e.commitInterval, defaults.commitInterval()))
            .tickInterval(checks.positive("engine.tick_interval", e.tickInterval, defaults.tickInterval()));
        if (e.resourceSamplingInterval != null)
        {
            b.resourceSamplingInterval(e.resourceSamplingInterval); // 0 turns sampling off
        }
        final EngineSettings settings = checks.build("engine", b::build);
        checkBucketsFit(settings, checks);
        return settings;
    }

    private static void checkRange(final Checks checks, final String path, final ConfigDto.Engine e)
        throws ConfigException
    {
        switch (Checks.lastKey(path))
        {
            case "ring_size" -> checks.range(path, e.ringSize);
            case "producer_ring_size" -> checks.range(path, e.producerRingSize);
            case "max_producer_threads" -> checks.range(path, e.maxProducerThreads);
            case "label_cardinality_limit" -> checks.range(path, e.labelCardinalityLimit);
            case "max_series" -> checks.range(path, e.maxSeries);
            case "store_entries" -> checks.range(path, e.storeEntries);
            case "max_query_points" -> checks.range(path, e.maxQueryPoints);
            case "raw_resolution" -> checks.range(path, e.rawResolution);
            case "aggregation_interval" -> checks.range(path, e.aggregationInterval);
            case "long_term_interval" -> checks.range(path, e.longTermInterval);
            case "raw_retention" -> checks.range(path, e.rawRetention);
            case "retention_period" -> checks.range(path, e.retentionPeriod);
            case "long_term_retention" -> checks.range(path, e.longTermRetention);
            case "commit_interval" -> checks.range(path, e.commitInterval);
            case "tick_interval" -> checks.range(path, e.tickInterval);
            case "resource_sampling_interval" -> checks.range(path, e.resourceSamplingInterval);
            default -> throw new IllegalStateException("no engine setting for the range of " + path);
        }
    }

    private static Path directory(final Checks checks, final String text, final Path baseDirectory)
        throws ConfigException
    {
        if (text.isBlank())
        {
            throw checks.atValue("engine.data_directory", "data_directory must not be empty");
        }
        try
        {
            final Path dir = Path.of(text);
            return baseDirectory == null || dir.isAbsolute() ? dir : baseDirectory.resolve(dir).normalize();
        }
        catch (final InvalidPathException ex)
        {
            throw checks.atValue("engine.data_directory", "not a valid path: " + ex.getMessage());
        }
    }

    /**
     * One series' buckets at each resolution (retention / interval) must fit in the store: a retention the store
     * cannot hold even for a single series is refused at its key, naming both numbers.
     */
    private static void checkBucketsFit(final EngineSettings settings, final Checks checks) throws ConfigException
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
                final String key = checks.has("engine." + retentionKeys[i]) || !checks.has("engine.store_entries") ?
                    retentionKeys[i] : "store_entries";
                throw checks.atValue("engine." + key, retentionKeys[i] + " (" + Durations.format(r.retention()) +
                    ") keeps " + buckets + " buckets of " + intervalKeys[i] + " (" + Durations.format(r.width()) +
                    ") per series, more than store_entries (" + settings.storeEntries() + ") holds in all: shorten " +
                    retentionKeys[i] + ", widen " + intervalKeys[i] + " or raise store_entries");
            }
        }
    }
}
