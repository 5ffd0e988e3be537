package dev.bridge.analytics.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
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
    @JsonSetter(nulls = Nulls.SKIP)
    Alerts alerts;
    @JsonSetter(nulls = Nulls.SKIP)
    Listener statsd;
    @JsonSetter(nulls = Nulls.SKIP)
    Telemetry telemetry;
    @JsonSetter(nulls = Nulls.SKIP)
    Dashboard dashboard;

    /** The {@code dashboard:} section: the page's panels; panels is required once the section is there. */
    static final class Dashboard
    {
        String title;
        List<Panel> panels;
    }

    /** One entry of {@code dashboard.panels}; title and lines are required, unit defaults to the first metric's. */
    static final class Panel
    {
        String title;
        String unit;
        List<Line> lines;
    }

    /** One entry of a panel's {@code lines}; metric and aggregation are required. */
    static final class Line
    {
        String label;
        String metric;
        String aggregation;
        LinkedHashMap<String, String> labels;
        Ratio ratio;
    }

    /** A dashboard line's {@code ratio:} (numerator and denominator metrics, each summed per interval). */
    static final class Ratio
    {
        List<String> numerator;
        List<String> denominator;
    }

    /** The {@code statsd:} section (the ingest adapters' UDP listener); every key is optional. */
    static final class Listener
    {
        Boolean enabled;
        String bind;
        Integer port;
        Integer receiveBufferBytes;
        Integer maxDatagramBytes;
        Integer nameCacheEntries;
        StatsdUnmappedPolicy unmapped;
        @JsonSetter(nulls = Nulls.SKIP)
        AutoRegister autoRegister;
        List<Mapping> mappings;
    }

    /** {@code statsd.auto_register:}; every key is optional. */
    static final class AutoRegister
    {
        String counter;
        String gauge;
        String timer;
        String histogram;
        String set;
    }

    /** One entry of {@code statsd.mappings}; match and metric are required. */
    static final class Mapping
    {
        String match;
        StatsdMatchType matchType;
        String metric;
        Map<String, String> labels;
    }

    /** The {@code telemetry:} section. */
    static final class Telemetry
    {
        List<TelemetryEvent> events;
    }

    /** One entry of {@code telemetry.events}; event, measurement and metrics are required. */
    static final class TelemetryEvent
    {
        String event;
        String measurement;
        String unit;
        List<String> tags;
        List<TelemetryMetric> metrics;
    }

    /** One entry of an event's {@code metrics}; metric and type are required. */
    static final class TelemetryMetric
    {
        String metric;
        TelemetryMetricType type;
        List<String> tags;
        Map<String, String> keep;
        Map<String, String> drop;
    }

    /** The {@code alerts:} section; every key is optional. */
    static final class Alerts
    {
        Duration evaluationInterval;
        String externalUrl;
        List<Rule> rules;
        @JsonSetter(nulls = Nulls.SKIP)
        Route route;
        List<Inhibit> inhibitRules;
        List<Silence> silences;
    }

    /** One entry of {@code alerts.rules}; name, expr, comparator, threshold and severity are required. */
    static final class Rule
    {
        String name;
        Expr expr;
        /** Null also for an empty value: a bare {@code >} is an empty YAML block scalar, reported with a hint. */
        @JsonSetter(nulls = Nulls.SET)
        String comparator;
        Double threshold;
        @JsonProperty("for")
        Duration forDuration;
        Duration keepFiringFor;
        String severity;
        Map<String, String> labels;
        Map<String, String> annotations;
    }

    /** {@code expr:} of a rule: metric or field, and what goes with it. */
    static final class Expr
    {
        String metric;
        String field;
        Map<String, String> labels;
        String aggregation;
        Duration window;
        List<String> by;
        Selector denominator;
    }

    /** A metric and a label filter: the {@code denominator} of a ratio. */
    static final class Selector
    {
        String metric;
        Map<String, String> labels;
    }

    /** {@code alerts.route:}; every key is optional. */
    static final class Route
    {
        List<String> groupBy;
        Duration groupWait;
        Duration groupInterval;
        Duration repeatInterval;
        List<Receiver> receivers;
    }

    /** One entry of {@code alerts.route.receivers}; type is required, url for webhooks. */
    static final class Receiver
    {
        String name;
        ReceiverType type;
        String url;
        Duration timeout;
        Integer retries;
        Duration retryBackoff;
        Integer queueCapacity;
        Boolean sendResolved;
    }

    /** One entry of {@code alerts.inhibit_rules}. */
    static final class Inhibit
    {
        Map<String, String> sourceMatch;
        Map<String, String> targetMatch;
        List<String> equal;
    }

    /** One entry of {@code alerts.silences}. */
    static final class Silence
    {
        Map<String, String> matchers;
        String startsAt;
        String endsAt;
        Duration duration;
        String comment;
        String createdBy;
    }

    /** The {@code export:} section; every key is optional. */
    static final class Export
    {
        String prefix;
        List<Double> summaryQuantiles;
        Map<String, List<Double>> histogramBuckets;
        @JsonSetter(nulls = Nulls.SKIP)
        Statsd statsd;
        @JsonSetter(nulls = Nulls.SKIP)
        RemoteWrite remoteWrite;
    }

    /** {@code export.remote_write:}; every key is optional (url once enabled). */
    static final class RemoteWrite
    {
        Boolean enabled;
        String url;
        Duration interval;
        Duration timeout;
        LinkedHashMap<String, String> externalLabels;
        Integer maxSamplesPerSend;
        Duration minBackoff;
        Duration maxBackoff;
        Boolean nativeHistograms;
        Boolean classicHistograms;
        Duration closeTimeout;
        LinkedHashMap<String, String> headers;
        String bearerToken;
        @JsonSetter(nulls = Nulls.SKIP)
        BasicAuth basicAuth;
    }

    /** {@code export.remote_write.basic_auth:}; both keys required. */
    static final class BasicAuth
    {
        String username;
        String password;
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
        Integer maxConnections;
        Duration idleTimeout;
        Duration readTimeout;
        Integer maxConcurrentHeavyRequests;
        Integer maxQueuedHeavyRequests;
    }

    /** The {@code engine:} section; every key is optional. */
    static final class Engine
    {
        Integer ringSize;
        /** Removed: present only to refuse it with a clear error. */
        JsonNode producerType;
        Integer producerRingSize;
        Integer maxProducerThreads;
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
        ResourceGaugeNames resourceGauges;
    }

    /** {@code engine.resource_gauges: { heap_mb, threads, off_heap_mb }}: catalog gauge names, each optional. */
    static final class ResourceGaugeNames
    {
        String heapMb;
        String threads;
        String offHeapMb;
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
