package dev.bridge.analytics.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Typed image of the YAML document as Jackson binds it: field {@code ringSize} is key {@code ring_size}. A null
 * field is a key the file does not have (explicit empty values are rejected while binding, except an empty
 * {@code engine:} section, which means all defaults). Unchecked: {@link ConfigValidator} turns it into an
 * {@link EngineConfig}. Mutable and confined to the loading thread.
 */
final class ConfigDto
{
    @JsonSetter(nulls = Nulls.SKIP)
    Engine engine;
    Map<String, Metric> metrics;
    @JsonSetter(nulls = Nulls.SKIP)
    Export export;
    @JsonSetter(nulls = Nulls.SKIP)
    Http http;

    /** The {@code export:} section; every key is optional. */
    static final class Export
    {
        String prefix;
        List<Double> summaryQuantiles;
        Map<String, List<Double>> histogramBuckets;
        @JsonSetter(nulls = Nulls.SKIP)
        Statsd statsd;
    }

    /** {@code export.statsd:}; every key is optional. */
    static final class Statsd
    {
        Boolean enabled;
        String host;
        Integer port;
        Duration interval;
        StatsdFlavour flavour;
        Integer maxPacketBytes;
    }

    /** The {@code http:} section; every key is optional. */
    static final class Http
    {
        String bind;
        Integer port;
        String bearerToken;
        Integer maxRequestBytes;
    }

    /** The {@code engine:} section; every key is optional. */
    static final class Engine
    {
        Integer ringSize;
        ProducerType producerType;
        WaitStrategyType waitStrategy;
        OverflowPolicy overflowPolicy;
        PipelineThreading pipelineThreading;
        Integer labelCardinalityLimit;
        Integer maxSeries;
        String dataDirectory;
        Duration rawResolution;
        Duration aggregationInterval;
        Duration retentionPeriod;
        Duration rawRetention;
        Duration longTermInterval;
        Duration longTermRetention;
        Duration commitInterval;
        Duration tickInterval;
        Duration resourceSamplingInterval;
        Long storeEntries;
        Integer maxQueryPoints;
    }

    /** One entry of {@code metrics:}; type, unit and help are required, histogram exactly for histograms. */
    static final class Metric
    {
        MetricType type;
        String unit;
        String help;
        List<String> labels;
        Histogram histogram;
    }

    /** {@code histogram: { lowest, highest, significant_digits }}; all three are required. */
    static final class Histogram
    {
        Long lowest;
        Long highest;
        Integer significantDigits;
        Integer exactSamples;
    }
}
