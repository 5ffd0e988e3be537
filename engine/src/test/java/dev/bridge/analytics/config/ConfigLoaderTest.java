package dev.bridge.analytics.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest
{
    private static final Path ROOT = RepoRoot.find();
    private static final Path BAD_CONFIGS = ROOT.resolve("engine/src/test/resources/bad-configs");

    @Test
    void defaultsHaveTheDspexCatalog()
    {
        final Map<String, MetricType> expected = new LinkedHashMap<>();
        for (final String counter : List.of("variable_read", "variable_write", "variable_delete", "cache_hit",
            "cache_miss", "cache_eviction", "optimization_started", "optimization_completed", "optimization_failed",
            "session_created", "session_terminated", "operation_error", "grpc_error", "timeout_error"))
        {
            expected.put(counter, MetricType.COUNTER);
        }
        for (final String histogram : List.of("read_latency_us", "write_latency_us", "grpc_latency_us",
            "optimization_duration_ms"))
        {
            expected.put(histogram, MetricType.HISTOGRAM);
        }
        for (final String gauge : List.of("optimization_improvement", "active_sessions", "memory_usage_mb",
            "process_count", "ets_memory_mb"))
        {
            expected.put(gauge, MetricType.GAUGE);
        }

        final EngineConfig config = EngineConfig.defaults();
        final Map<String, MetricType> actual = new LinkedHashMap<>();
        config.metrics().forEach(m -> actual.put(m.name(), m.type()));
        assertEquals(23, config.metrics().size());
        assertEquals(expected, actual);
        assertEquals(EngineSettings.builder()
            .resourceGauges(new ResourceGauges("memory_usage_mb", "process_count", "ets_memory_mb")).build(),
            config.engine());
        assertEquals("classpath:" + EngineConfig.DEFAULT_RESOURCE, config.source());
        assertSame(config, EngineConfig.defaults());
    }

    @Test
    void defaultsHaveTheStatedLabelsUnitsAndRanges()
    {
        final EngineConfig config = EngineConfig.defaults();
        for (final MetricDefinition m : config.metrics())
        {
            final List<String> labels;
            switch (m.name())
            {
                case "operation_error":
                case "timeout_error":
                    labels = List.of("operation");
                    break;
                case "grpc_error":
                    labels = List.of("code");
                    break;
                default:
                    labels = List.of();
            }
            assertEquals(labels, m.labels(), m.name());
            assertTrue(!m.help().isBlank(), m.name());
        }
        for (final String name : List.of("read_latency_us", "write_latency_us", "grpc_latency_us"))
        {
            final MetricDefinition m = config.metric(name).orElseThrow();
            assertEquals("microseconds", m.unit());
            assertEquals(new HistogramSpec(1, 60_000_000, 3), m.histogram());
        }
        final MetricDefinition duration = config.metric("optimization_duration_ms").orElseThrow();
        assertEquals("milliseconds", duration.unit());
        assertEquals(new HistogramSpec(1, 3_600_000, 3, 1000), duration.histogram());
        assertEquals("basis_points", config.metric("optimization_improvement").orElseThrow().unit());
        assertEquals("megabytes", config.metric("memory_usage_mb").orElseThrow().unit());
        assertEquals("megabytes", config.metric("ets_memory_mb").orElseThrow().unit());
        assertEquals("threads", config.metric("process_count").orElseThrow().unit());
    }

    @Test
    void loadingTheRepositoryFileEqualsTheDefaults() throws ConfigException
    {
        final Path file = ROOT.resolve("config/analytics.yaml");
        final EngineConfig loaded = EngineConfig.load(file);
        final EngineConfig defaults = EngineConfig.defaults();

        assertEquals(defaults.metrics(), loaded.metrics());
        // data_directory: relative to the YAML file when loaded from a file, to the working dir for defaults()
        assertEquals(ROOT.resolve("config/data"), loaded.engine().dataDirectory());
        assertEquals(Path.of("data"), defaults.engine().dataDirectory());
        assertEquals(defaults.engine(), loaded.engine().toBuilder().dataDirectory(Path.of("data")).build());
        assertEquals(file.toString(), loaded.source());
    }

    @Test
    void parseKeepsRelativeDataDirectoryAndAbsoluteOnesStay() throws ConfigException
    {
        assertEquals(Path.of("store/x"), EngineConfig.parse(
            "engine:\n  data_directory: store/x\nmetrics: {}\n", "inline").engine().dataDirectory());
        assertEquals(Path.of("/var/lib/analytics"), EngineConfig.parse(
            "engine:\n  data_directory: /var/lib/analytics\nmetrics: {}\n", "inline").engine().dataDirectory());
    }

    @Test
    void everyEngineKeyIsOptionalAndAnEmptySectionMeansDefaults() throws ConfigException
    {
        assertEquals(EngineSettings.builder().build(), EngineConfig.parse("metrics: {}\n", "a").engine());
        assertEquals(EngineSettings.builder().build(), EngineConfig.parse("engine:\nmetrics: {}\n", "b").engine());
    }

    @Test
    void parsesEverySetting() throws ConfigException
    {
        final EngineSettings s = EngineConfig.parse(String.join("\n",
            "engine:",
            "  ring_size: 1024",
            "  producer_ring_size: 256",
            "  max_producer_threads: 8",
            "  wait_strategy: busy_spin",
            "  overflow_policy: drop",
            "  pipeline_threading: per_stage",
            "  label_cardinality_limit: 10",
            "  max_series: 200",
            "  data_directory: d",
            "  raw_resolution: 5s",
            "  aggregation_interval: 5m",
            "  retention_period: 7d",
            "  raw_retention: 2h",
            "  long_term_interval: 1h",
            "  long_term_retention: 90d",
            "  commit_interval: 1s",
            "  tick_interval: 10ms",
            "  resource_sampling_interval: 0",
            "  store_entries: 5000",
            "metrics: {}", ""), "inline").engine();
        assertEquals(new EngineSettings(1024, 256, 8, WaitStrategyType.BUSY_SPIN, OverflowPolicy.DROP,
            PipelineThreading.PER_STAGE, 10, 200, Path.of("d"), Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofDays(7), Duration.ofHours(2), Duration.ofHours(1), Duration.ofDays(90),
            Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ZERO, 5000, 10_000, ResourceGauges.NONE), s);
        assertEquals(Duration.ZERO, EngineConfig.parse("engine:\n  resource_sampling_interval: 0s\nmetrics: {}\n", "x")
            .engine().resourceSamplingInterval());
        assertEquals(Duration.ofHours(24), EngineConfig.parse("engine:\n  retention_period: 24h\nmetrics: {}\n", "x")
            .engine().retentionPeriod());
    }

    @Test
    void messageIsFileLineColumnFieldProblem()
    {
        final ConfigException e = assertThrows(ConfigException.class,
            () -> EngineConfig.parse("engine:\n  ring_size: 100\nmetrics: {}\n", "inline.yaml"));
        assertEquals("inline.yaml:2:14: engine.ring_size: ring_size must be a power of two in 64..4194304, was 100",
            e.getMessage());
        assertEquals("ring_size must be a power of two in 64..4194304, was 100", e.problem());
    }

    @Test
    void shouldRefuseTheRemovedProducerTypeSayingWhy()
    {
        final ConfigException e = assertThrows(ConfigException.class,
            () -> EngineConfig.parse("engine:\n  producer_type: single\nmetrics: {}\n", "old.yaml"));
        assertEquals("old.yaml:2:3: engine.producer_type: producer_type was removed: every recording thread now " +
            "publishes into its own single-producer ring (threads beyond max_producer_threads share one " +
            "multi-producer ring), so there is nothing left to choose; delete the key", e.getMessage());
    }

    @Test
    void shouldRefuseProducerRingSettingsOutOfRange()
    {
        assertEquals("a.yaml:2:23: engine.producer_ring_size: producer_ring_size must be a power of two in 64..1048576, was 100",
            assertThrows(ConfigException.class,
                () -> EngineConfig.parse("engine:\n  producer_ring_size: 100\nmetrics: {}\n", "a.yaml")).getMessage());
        assertEquals("b.yaml:2:25: engine.max_producer_threads: max_producer_threads must be in 1..4096, was 4097",
            assertThrows(ConfigException.class,
                () -> EngineConfig.parse("engine:\n  max_producer_threads: 4097\nmetrics: {}\n", "b.yaml")).getMessage());
        assertEquals("producer_ring_size must be a power of two in 64..1048576, was 32", assertThrows(
            IllegalArgumentException.class, () -> EngineSettings.builder().producerRingSize(32).build()).getMessage());
        assertEquals("max_producer_threads must be in 1..4096, was 0", assertThrows(
            IllegalArgumentException.class, () -> EngineSettings.builder().maxProducerThreads(0).build()).getMessage());
    }

    @Test
    void missingFileIsAConfigException()
    {
        final Path missing = BAD_CONFIGS.resolve("does-not-exist.yaml");
        final ConfigException e = assertThrows(ConfigException.class, () -> EngineConfig.load(missing));
        assertEquals(missing.toString(), e.file());
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        unknown-key.yaml                | 4  | 3  | engine.wait_stratgy                                  | unknown key 'wait_stratgy' (did you mean 'wait_strategy'?); allowed keys: ring_size,
        ring-size-string.yaml           | 2  | 14 | engine.ring_size                                     | expected an integer, got the string 'large'
        ring-size-not-power-of-two.yaml | 3  | 14 | engine.ring_size                                     | ring_size must be a power of two in 64..4194304, was 1000
        producer-ring-size-not-power-of-two.yaml | 2 | 23 | engine.producer_ring_size              | producer_ring_size must be a power of two in 64..1048576, was 5000
        max-producer-threads-zero.yaml  | 3  | 25 | engine.max_producer_threads                          | max_producer_threads must be in 1..4096, was 0
        producer-type-removed.yaml      | 3  | 3  | engine.producer_type                                 | producer_type was removed: every recording thread now publishes into its own single-producer ring (threads beyond max_producer_threads share one multi-producer ring), so there is nothing left to choose; delete the key
        duplicate-metric.yaml           | 10 | 3  | metrics.variable_read                                | duplicate metric 'variable_read' (first defined at line 2)
        duplicate-engine-key.yaml       | 4  | 3  | engine.ring_size                                     | duplicate key 'ring_size' (first at line 2)
        unknown-metric-type.yaml        | 3  | 11 | metrics.read_latency_us.type                         | unknown value 'timer'; allowed: counter, histogram, gauge
        unknown-wait-strategy.yaml      | 2  | 18 | engine.wait_strategy                                 | unknown value 'spin'; allowed: blocking, sleeping, yielding, busy_spin
        negative-duration.yaml          | 2  | 20 | engine.commit_interval                               | negative duration '-100ms'
        zero-duration.yaml              | 3  | 20 | engine.commit_interval                               | commit_interval must be in 1ms..1h, was 0s
        bad-duration.yaml               | 3  | 21 | engine.retention_period                              | bad duration '1 day': expected a Prometheus duration, e.g. 500ms, 30s, 1h30m, 7d, 2w
        duration-without-unit.yaml      | 2  | 18 | engine.tick_interval                                 | the duration 50 has no unit
        aggregation-not-multiple.yaml   | 3  | 25 | engine.aggregation_interval                          | aggregation_interval (60s) must be a multiple of raw_resolution (7s)
        histogram-missing-range.yaml    | 2  | 3  | metrics.read_latency_us.histogram                    | missing required key 'histogram'
        histogram-range-on-counter.yaml | 6  | 5  | metrics.variable_read.histogram                      | only histogram metrics take a histogram range; this metric is a counter
        lowest-above-highest.yaml       | 8  | 16 | metrics.read_latency_us.histogram.highest            | highest must be >= 2 * lowest (2000), was 10
        bad-significant-digits.yaml     | 6  | 68 | metrics.read_latency_us.histogram.significant_digits | significant_digits must be in 0..5, was 6
        bad-metric-name.yaml            | 2  | 3  | metrics.readLatency                                  | bad metric name 'readLatency': names must match [a-z_][a-z0-9_]*
        engine-prefix.yaml              | 2  | 3  | metrics.engine_events_dropped                        | metric names starting with 'engine_' are reserved
        duplicate-label.yaml            | 6  | 31 | metrics.operation_error.labels[2]                    | duplicate label 'operation' (also labels[0])
        bad-label-name.yaml             | 8  | 9  | metrics.operation_error.labels[1]                    | label names starting with '__' are reserved
        missing-help.yaml               | 2  | 3  | metrics.active_sessions.help                         | missing required key 'help'
        empty-metric.yaml               | 2  | 13 | metrics.cache_hit                                    | expected a mapping with type, unit and help, got an empty value
        missing-metrics.yaml            | 1  | 1  | metrics                                              | missing required section 'metrics:'
        exported-name-collision.yaml    | 7  | 3  | metrics.latency_ms                                   | exported to Prometheus as 'latency_seconds', as metric 'latency_us' (line 2)
        tab-indent.yaml                 | 2  | 1  | engine                                               | invalid YAML: found character '\\t(TAB)' that cannot start any token
        empty.yaml                      | 1  | 1  | ""                                                   | the file is empty
        not-a-mapping.yaml              | 1  | 1  | ""                                                   | expected a mapping with an 'engine:' and a 'metrics:' section at the top level, got a list
        """)
    void badConfigIsReportedWithFileLineColumnAndField(
        final String name, final int line, final int column, final String field, final String fragment)
    {
        final Path file = BAD_CONFIGS.resolve(name);
        final ConfigException e = assertThrows(ConfigException.class, () -> EngineConfig.load(file));

        assertEquals(file.toString(), e.file(), "file");
        assertEquals(line, e.line(), "line of " + e.getMessage());
        assertEquals(column, e.column(), "column of " + e.getMessage());
        assertEquals(field, e.field(), "field of " + e.getMessage());
        assertTrue(e.problem().contains(fragment), () -> "'" + fragment + "' not in: " + e.getMessage());
        final String prefix = file + ":" + line + ":" + column + ": " + (field.isEmpty() ? "" : field + ": ");
        assertEquals(prefix + e.problem(), e.getMessage());
    }
}
