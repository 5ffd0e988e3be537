package dev.bridge.analytics.ingest.statsd;

import com.timgroup.statsd.Event;
import com.timgroup.statsd.NonBlockingStatsDClientBuilder;
import com.timgroup.statsd.ServiceCheck;
import com.timgroup.statsd.StatsDClient;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.StatsdListenerSettings;
import dev.bridge.analytics.config.StatsdMapping;
import dev.bridge.analytics.config.StatsdMatchType;
import dev.bridge.analytics.config.StatsdUnmappedPolicy;
import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.ingest.TestEngines;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.statsd.StatsdConfig;
import io.micrometer.statsd.StatsdFlavor;
import io.micrometer.statsd.StatsdMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real clients send known traffic to a listener on 127.0.0.1 (port 0): Datadog's java-dogstatsd-client (client-side
 * aggregation off, or it sends nothing for seconds; blocking, or it drops what its queue cannot hold) and Micrometer's StatsD registry in its Datadog, Etsy and
 * Telegraf flavours (its first meters are lost while its UDP client starts, so a probe counter is sent until the
 * listener sees it). Totals in the engine must be exact; the tests poll them with a deadline.
 */
class StatsdClientsTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int N = 500;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldRecordExactTotalsSentByTheDogStatsdClient() throws IOException
    {
        final List<StatsdMapping> mappings = List.of(
            StatsdMapping.glob("dd.reads", "variable_read"),
            StatsdMapping.glob("dd.writes", "variable_write"),
            StatsdMapping.glob("dd.errors", "operation_error"),
            StatsdMapping.glob("dd.sessions", "active_sessions"),
            StatsdMapping.glob("dd.latency", "read_latency_us"),
            StatsdMapping.glob("dd.size", "payload_bytes"),
            StatsdMapping.glob("dd.dist", "grpc_latency_us"),
            StatsdMapping.glob("dd.users", "app_users"));
        // the listener's own clock stands still: the set's window never rolls over during the test
        final ManualClock listenerClock = new ManualClock(TestEngines.START_MS);
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestEngines.config(dir, StatsdFixture.EXTRA_METRICS));
             StatsdListener listener = StatsdListener.start(engine, settings(mappings), listenerClock))
        {
            final StatsDClient client = new NonBlockingStatsDClientBuilder().prefix("dd").hostname("127.0.0.1")
                .port(listener.localAddress().getPort()).enableAggregation(false).enableTelemetry(false)
                .blocking(true).build(); // blocking: a full client queue waits instead of dropping (its default)
            final long nowS = Instant.now().getEpochSecond();
            long latencySum = 0;
            long sizeSum = 0;
            try
            {
                for (int i = 0; i < N; i++)
                {
                    client.count("reads", 3);
                    client.count("errors", 1, "operation:read");
                    client.count("errors", 2, "operation:write", "host:a");
                    client.gauge("sessions", i);
                    client.recordExecutionTime("latency", i % 100 + 1);
                    latencySum += (i % 100 + 1) * 1000L;
                    client.histogram("size", i);
                    sizeSum += i;
                    client.distribution("dist", 7);
                    client.recordSetValue("users", "u" + i % 10);
                    client.countWithTimestamp("writes", 2, nowS);
                }
                client.recordEvent(Event.builder().withTitle("deploy").withText("v2").build());
                client.recordServiceCheckRun(ServiceCheck.builder().withName("bridge").withStatus(ServiceCheck.Status.OK).build());
                final Map<String, Long> expected = new LinkedHashMap<>();
                expected.put("variable_read sum", 3L * N);
                expected.put("variable_write sum", 2L * N);
                expected.put("operation_error{read} sum", (long)N);
                expected.put("operation_error{write} sum", 2L * N);
                expected.put("active_sessions last", N - 1L);
                expected.put("read_latency_us count", (long)N);
                expected.put("read_latency_us sum", latencySum);
                expected.put("payload_bytes sum", sizeSum);
                expected.put("grpc_latency_us sum", 7L * N);
                expected.put("app_users last", 10L);
                expected.put("events", 1L);
                expected.put("service checks", 1L);
                awaitTotals(engine, listener, expected);
            }
            finally
            {
                client.close();
            }
            assertEquals(0, listener.counters().lines(LineOutcome.MALFORMED), listener.counters().toString());
            assertEquals(0, listener.counters().lines(LineOutcome.UNMAPPED), listener.counters().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = StatsdFlavor.class, names = { "DATADOG", "ETSY", "TELEGRAF" })
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldRecordExactTotalsSentByMicrometersStatsdRegistry(final StatsdFlavor flavor) throws Exception
    {
        // names as each flavour writes them: Datadog keeps dots and sends #tags; Etsy camel-cases and folds the tags
        // into the name (sorted by key); Telegraf snake-cases and sends Influx tags
        final List<StatsdMapping> mappings = switch (flavor)
        {
            case ETSY -> List.of(
                new StatsdMapping("mmErrors.operation.*.statistic.count", StatsdMatchType.GLOB, "operation_error",
                    Map.of("operation", "$1")),
                StatsdMapping.glob("mmLatency", "read_latency_us"),
                StatsdMapping.glob("mmSize", "payload_bytes"),
                StatsdMapping.glob("mmSessions.statistic.value", "active_sessions"));
            case TELEGRAF -> List.of(
                StatsdMapping.glob("mm_errors", "operation_error"),
                StatsdMapping.glob("mm_latency", "read_latency_us"),
                StatsdMapping.glob("mm_size", "payload_bytes"),
                StatsdMapping.glob("mm_sessions", "active_sessions"));
            default -> List.of(
                StatsdMapping.glob("mm.errors", "operation_error"),
                StatsdMapping.glob("mm.latency", "read_latency_us"),
                StatsdMapping.glob("mm.size", "payload_bytes"),
                StatsdMapping.glob("mm.sessions", "active_sessions"));
        };
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestEngines.config(dir, StatsdFixture.EXTRA_METRICS));
             StatsdListener listener = StatsdListener.start(engine, settings(mappings)))
        {
            final StatsdMeterRegistry registry = new StatsdMeterRegistry(config(flavor, listener.localAddress().getPort()),
                Clock.SYSTEM);
            try
            {
                // the probe (unmapped) until the listener sees it: the registry's UDP client is up
                final Counter probe = registry.counter("probe");
                Await.until(WAIT, () ->
                {
                    probe.increment();
                    return listener.counters().lines(LineOutcome.UNMAPPED) > 0;
                }, listener.counters()::toString);

                final AtomicInteger sessions = registry.gauge("mm.sessions", new AtomicInteger(77));
                final Counter errors = Counter.builder("mm.errors").tag("operation", "read").register(registry);
                final Timer latency = Timer.builder("mm.latency").register(registry);
                final DistributionSummary size = DistributionSummary.builder("mm.size").register(registry);
                long sizeSum = 0;
                for (int i = 0; i < N; i++)
                {
                    errors.increment(2);
                    latency.record(Duration.ofNanos(1_500_000));
                    size.record(i);
                    sizeSum += i;
                }
                final Map<String, Long> expected = new LinkedHashMap<>();
                expected.put("operation_error{read} sum", 2L * N);
                expected.put("read_latency_us count", (long)N);
                expected.put("read_latency_us sum", 1500L * N);
                expected.put("payload_bytes sum", sizeSum);
                expected.put("active_sessions last", (long)sessions.get());
                awaitTotals(engine, listener, expected);
            }
            finally
            {
                registry.close();
            }
            assertEquals(0, listener.counters().lines(LineOutcome.MALFORMED), listener.counters().toString());
            assertEquals(0, listener.counters().lines(LineOutcome.REJECTED), listener.counters().toString());
        }
    }

    private static StatsdListenerSettings settings(final List<StatsdMapping> mappings)
    {
        return StatsdListenerSettings.DEFAULT.withPort(0).withMappings(mappings).withUnmapped(StatsdUnmappedPolicy.REJECT);
    }

    private static StatsdConfig config(final StatsdFlavor flavor, final int port)
    {
        return new StatsdConfig()
        {
            @Override
            public String get(final String key)
            {
                return null;
            }

            @Override
            public StatsdFlavor flavor()
            {
                return flavor;
            }

            @Override
            public String host()
            {
                return "127.0.0.1";
            }

            @Override
            public int port()
            {
                return port;
            }

            @Override
            public Duration pollingFrequency()
            {
                return Duration.ofMillis(100); // gauges polled and buffered lines flushed every 100 ms
            }
        };
    }

    /** Polls the engine (flushing it) until every expected figure is reached; fails with all figures otherwise. */
    private static void awaitTotals(
        final AnalyticsEngine engine, final StatsdListener listener, final Map<String, Long> expected)
    {
        final Map<String, Long> actual = new LinkedHashMap<>();
        Await.until(WAIT, () ->
        {
            engine.flush();
            actual.clear();
            for (final String figure : expected.keySet())
            {
                actual.put(figure, figure(engine, listener, figure));
            }
            return actual.equals(expected);
        }, () -> "expected " + expected + "\nactual   " + actual + "\n" + listener.counters() + ", kernel drops now " +
            listener.kernelDrops());
    }

    private static Long figure(final AnalyticsEngine engine, final StatsdListener listener, final String figure)
    {
        if (figure.equals("events"))
        {
            return listener.counters().lines(LineOutcome.EVENT);
        }
        if (figure.equals("service checks"))
        {
            return listener.counters().lines(LineOutcome.SERVICE_CHECK);
        }
        final String[] parts = figure.split(" ");
        final String series = parts[0];
        final int brace = series.indexOf('{');
        final Stats stats = brace < 0 ? engine.queries().stats(series, TimeRange.ALL) :
            engine.queries().stats(series.substring(0, brace), Map.of(labelOf(series), series.substring(brace + 1, series.length() - 1)),
                TimeRange.ALL);
        return switch (parts[1])
        {
            case "sum" -> stats.sum();
            case "count" -> stats.count();
            default -> stats.last();
        };
    }

    private static String labelOf(final String series)
    {
        return series.startsWith("operation_error") ? "operation" : "name";
    }
}
