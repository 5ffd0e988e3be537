package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.StatsdAutoRegister;
import dev.bridge.analytics.config.StatsdListenerSettings;
import dev.bridge.analytics.config.StatsdMapping;
import dev.bridge.analytics.config.StatsdMatchType;
import dev.bridge.analytics.config.StatsdUnmappedPolicy;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.ingest.TestEngines;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An engine with the DSPex catalog, the listener's metrics, the auto-register catch-alls and a few test metrics,
 * with mapping rules for the StatsD tests; datagrams fed to a {@link StatsdIngest} from a direct buffer.
 */
final class StatsdFixture implements AutoCloseable
{
    static final List<MetricDefinition> EXTRA_METRICS = extraMetrics();

    /** Mapping rules of the tests: identity for catalog-like names, and one rule per feature. */
    static final List<StatsdMapping> MAPPINGS = List.of(
        new StatsdMapping("dspex.errors.*", StatsdMatchType.GLOB, "operation_error", Map.of("operation", "$1")),
        StatsdMapping.glob("errors", "operation_error"),
        StatsdMapping.glob("dspex.read", "read_latency_us"),
        new StatsdMapping("dspex\\.grpc\\.(\\w+)", StatsdMatchType.REGEX, "grpc_error", Map.of("code", "${1}")),
        StatsdMapping.glob("app.users", "app_users"),
        StatsdMapping.glob("app.payload", "payload_bytes"),
        new StatsdMapping("app.*.requests", StatsdMatchType.GLOB, "app_requests", Map.of("route", "$1")),
        StatsdMapping.glob("dspex.missing", "no_such_metric"),
        StatsdMapping.glob("dspex.improvement", "optimization_improvement"),
        StatsdMapping.glob("dspex.sessions", "active_sessions"),
        new StatsdMapping("([a-z_]+)", StatsdMatchType.REGEX, "$1", Map.of()));

    final ManualClock clock = new ManualClock(TestEngines.START_MS + 10_000);
    final AnalyticsEngine engine;
    final StatsdIngest ingest;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(70_000));

    StatsdFixture(final Path dir, final StatsdListenerSettings settings)
    {
        engine = TestEngines.start(dir, clock, EXTRA_METRICS);
        ingest = new StatsdIngest(engine, settings);
    }

    /** The default settings with the test mappings, unmapped names rejected (the tests of REJECT rely on it). */
    static StatsdListenerSettings settings()
    {
        return StatsdListenerSettings.DEFAULT.withPort(0).withMappings(MAPPINGS).withUnmapped(StatsdUnmappedPolicy.REJECT);
    }

    /** Feeds one datagram. @return lines read. */
    int feed(final String datagram)
    {
        final byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
        buffer.putBytes(0, bytes);
        return ingest.onDatagram(buffer, 0, bytes.length, clock.time());
    }

    long lines(final LineOutcome outcome)
    {
        return ingest.counters().lines(outcome);
    }

    Stats stats(final String metric)
    {
        engine.flush();
        return engine.queries().stats(metric, TimeRange.ALL);
    }

    Stats stats(final String metric, final String label, final String value)
    {
        engine.flush();
        return engine.queries().stats(metric, Map.of(label, value), TimeRange.ALL);
    }

    @Override
    public void close()
    {
        engine.close();
    }

    private static List<MetricDefinition> extraMetrics()
    {
        final List<MetricDefinition> metrics = new ArrayList<>(StatsdCatalog.selfMetrics());
        metrics.addAll(StatsdCatalog.autoRegisterMetrics(StatsdAutoRegister.DEFAULT));
        metrics.add(new MetricDefinition("app_users", MetricType.GAUGE, "users", "Distinct users.", List.of(), null));
        metrics.add(new MetricDefinition("payload_bytes", MetricType.HISTOGRAM, "bytes", "Payload sizes.", List.of(),
            new HistogramSpec(1, 1_000_000_000L, 3)));
        metrics.add(new MetricDefinition("app_requests", MetricType.COUNTER, "requests", "Requests.",
            List.of("route", "status"), null));
        return metrics;
    }
}
