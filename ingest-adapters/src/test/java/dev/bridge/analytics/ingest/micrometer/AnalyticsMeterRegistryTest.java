package dev.bridge.analytics.ingest.micrometer;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.ingest.TestEngines;
import dev.bridge.analytics.query.PercentileResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Micrometer meter type recorded into the engine: totals and percentiles against what was recorded. */
class AnalyticsMeterRegistryTest
{
    private static final List<MetricDefinition> EXTRA = List.of(
        new MetricDefinition("payload_bytes", MetricType.HISTOGRAM, "bytes", "Payload sizes.", List.of(),
            new HistogramSpec(1, 1_000_000_000L, 3)),
        new MetricDefinition("uptime_ms", MetricType.GAUGE, "milliseconds", "Uptime.", List.of(), null),
        new MetricDefinition("running_tasks", MetricType.GAUGE, "tasks", "Tasks running.", List.of(), null));
    private static final double[] FRACTIONS = { 0.5, 0.9, 0.99, 0.999, 1.0 };

    @TempDir
    Path dir;

    private AnalyticsEngine engine;
    private final MockClock micrometerClock = new MockClock();
    private AnalyticsMeterRegistry registry;

    @BeforeEach
    void start()
    {
        engine = TestEngines.start(dir, new ManualClock(TestEngines.START_MS), EXTRA);
        registry = AnalyticsMeterRegistry.builder(engine).clock(micrometerClock).pollInterval(Duration.ZERO)
            .name("bridge.read", "read_latency_us").name("bridge.optimization", "optimization_duration_ms")
            .name("bridge.tasks", "running_tasks").build();
    }

    @AfterEach
    void stop()
    {
        registry.close();
        engine.close();
    }

    @Test
    void shouldAddTheLargestLongForAnIncrementPastTheRangeAndKeepNoCarryOfIt()
    {
        final Counter reads = registry.counter("variable.read");
        reads.increment(1e300);
        assertEquals(Long.MAX_VALUE, stats("variable_read").sum()); // a fold of its own: a fold's min is its mean
        reads.increment(1);
        reads.increment(0.5);
        reads.increment(0.5);
        final Stats stats = stats("variable_read");
        assertEquals(3, stats.count());
        assertEquals(Long.MAX_VALUE, stats.sum());
        assertEquals(1L, stats.min(), "the later increments add 1 each, not a carried 1e300");
    }

    @Test
    void shouldAddCounterIncrementsWithTagsAsLabels()
    {
        final Counter reads = registry.counter("variable.read");
        reads.increment();
        reads.increment(2.5);
        reads.increment(0.5);
        final Counter errors = Counter.builder("operation.error").tag("operation", "read").tag("host", "a").register(registry);
        errors.increment(3);
        assertEquals(4.0, reads.count());
        assertEquals(4, stats("variable_read").sum());
        assertEquals(3, engine.queries().stats("operation_error", Map.of("operation", "read"), TimeRange.ALL).sum());
        assertEquals(0, registry.unmappedMeters());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCountExactlyWhenThreadsShareACounter() throws Exception
    {
        final Counter reads = registry.counter("variable.read");
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try
        {
            final List<Future<Object>> done = pool.invokeAll(List.of(
                Executors.callable(() -> add(reads, 1.0)), Executors.callable(() -> add(reads, 0.5)),
                Executors.callable(() -> add(reads, 0.25)), Executors.callable(() -> add(reads, 2.0))));
            for (final Future<Object> f : done)
            {
                f.get();
            }
        }
        finally
        {
            pool.shutdownNow();
        }
        assertEquals(100_000 * 3.75, reads.count());
        assertEquals(375_000, stats("variable_read").sum());
    }

    @Test
    void shouldRecordTimerDurationsInTheMetricsUnitWithTheirPercentiles()
    {
        final Timer timer = registry.timer("bridge.read");
        final SplittableRandom random = new SplittableRandom(7);
        final long[] micros = new long[20_000];
        long sum = 0;
        for (int i = 0; i < micros.length; i++)
        {
            final long nanos = (long)Math.exp(9 + random.nextDouble() * 6); // ~8 us .. ~3 s, log-uniform
            timer.record(Duration.ofNanos(nanos));
            micros[i] = Math.round(nanos / 1000.0);
            sum += micros[i];
        }
        assertEquals(micros.length, timer.count());
        final Stats stats = stats("read_latency_us");
        assertEquals(micros.length, stats.count());
        assertEquals(sum, stats.sum());
        assertPercentiles("read_latency_us", micros);
    }

    @Test
    void shouldRecordDistributionSummaryAmountsWithTheirPercentiles()
    {
        final DistributionSummary sizes = DistributionSummary.builder("payload.bytes").scale(2).register(registry);
        final SplittableRandom random = new SplittableRandom(11);
        final long[] recorded = new long[10_000];
        long sum = 0;
        for (int i = 0; i < recorded.length; i++)
        {
            final int amount = 1 + random.nextInt(50_000);
            sizes.record(amount);
            recorded[i] = 2L * amount;
            sum += recorded[i];
        }
        assertEquals(sum, (long)sizes.totalAmount());
        final Stats stats = stats("payload_bytes");
        assertEquals(recorded.length, stats.count());
        assertEquals(sum, stats.sum());
        assertPercentiles("payload_bytes", recorded);
    }

    @Test
    void shouldPublishGaugesAndTimeGaugesWhenPolled()
    {
        final AtomicInteger sessions = registry.gauge("active.sessions", new AtomicInteger(12));
        final AtomicLong uptimeS = new AtomicLong(90);
        TimeGauge.builder("uptime.ms", uptimeS, TimeUnit.SECONDS, AtomicLong::get).register(registry);
        registry.poll();
        assertEquals(12L, stats("active_sessions").last());
        assertEquals(90_000L, stats("uptime_ms").last(), "90 s in the metric's milliseconds");
        sessions.set(7);
        registry.poll();
        assertEquals(7L, stats("active_sessions").last());
        assertEquals(2, stats("active_sessions").count());
    }

    @Test
    void shouldAddWhatAFunctionCounterGainedAtEachPoll()
    {
        final AtomicLong hits = new AtomicLong(10);
        FunctionCounter.builder("cache.hit", hits, AtomicLong::get).register(registry);
        registry.poll();
        hits.addAndGet(15);
        registry.poll();
        registry.poll();
        assertEquals(25, stats("cache_hit").sum());
    }

    @Test
    void shouldRecordLongTaskDurationsIntoAHistogramAndActiveTasksIntoAGauge()
    {
        final LongTaskTimer runs = LongTaskTimer.builder("bridge.optimization").register(registry);
        final LongTaskTimer.Sample first = runs.start();
        micrometerClock.add(Duration.ofMillis(1500));
        final LongTaskTimer.Sample second = runs.start();
        micrometerClock.add(Duration.ofMillis(250));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(1750), first.stop());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(250), second.stop());
        final Stats durations = stats("optimization_duration_ms");
        assertEquals(2, durations.count());
        assertEquals(2000, durations.sum());

        final LongTaskTimer tasks = LongTaskTimer.builder("bridge.tasks").register(registry);
        tasks.start();
        tasks.start();
        registry.poll();
        assertEquals(2L, stats("running_tasks").last());
    }

    @Test
    void shouldKeepUnmappedMetersWorkingAndCountThem()
    {
        final Counter unknown = registry.counter("not.in.catalog");
        unknown.increment(5);
        final Timer wrongType = registry.timer("variable.read"); // a counter metric
        wrongType.record(Duration.ofMillis(3));
        final DistributionSummary notTime = DistributionSummary.builder("payload.bytes").register(registry);
        Timer.builder("payload.bytes").tag("x", "y").register(registry); // a histogram in bytes: no time unit
        FunctionTimer.builder("fn.timer", new Object(), o -> 3L, o -> 1.5, TimeUnit.SECONDS).register(registry);
        notTime.record(1);
        assertEquals(5.0, unknown.count());
        assertEquals(1, wrongType.count());
        assertEquals(4, registry.unmappedMeters());
        assertEquals(0, stats("variable_read").count());
        assertEquals(1, stats("payload_bytes").count());
    }

    @Test
    void shouldSkipFailingFunctionsAndStillPollTheOthers()
    {
        // Micrometer's gauge turns an exception into NaN (and logs it): nothing is published for it
        Gauge.builder("optimization.improvement", () -> { throw new IllegalStateException("boom"); }).register(registry);
        // a function counter's exception reaches the poll: counted
        FunctionCounter.builder("cache.miss", new Object(), o -> { throw new IllegalStateException("bang"); })
            .register(registry);
        registry.gauge("active.sessions", new AtomicInteger(3));
        registry.poll();
        assertEquals(1, registry.pollErrors());
        assertEquals(3L, stats("active_sessions").last());
        assertEquals(0, stats("optimization_improvement").count());
        assertEquals(0, stats("cache_miss").count());
    }

    @Test
    void shouldStopPollingARemovedMeter()
    {
        final AtomicInteger sessions = new AtomicInteger(4);
        final Gauge gauge = Gauge.builder("active.sessions", sessions, AtomicInteger::get).register(registry);
        registry.poll();
        registry.remove(gauge);
        sessions.set(99);
        registry.poll();
        assertEquals(4L, stats("active_sessions").last());
        assertEquals(1, stats("active_sessions").count());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldPollOnItsOwnThreadAndOnceMoreWhenClosed()
    {
        final AtomicInteger sessions = new AtomicInteger(5);
        try (AnalyticsMeterRegistry polling = AnalyticsMeterRegistry.builder(engine).pollInterval(Duration.ofMillis(10)).build())
        {
            polling.gauge("active.sessions", sessions);
            Await.until(Duration.ofSeconds(20), () -> stats("active_sessions").count() > 0, () -> "never polled");
            sessions.set(6);
        }
        assertEquals(6L, stats("active_sessions").last());
    }

    private static void add(final Counter counter, final double amount)
    {
        for (int i = 0; i < 100_000; i++)
        {
            counter.increment(amount);
        }
    }

    private Stats stats(final String metric)
    {
        engine.flush();
        return engine.queries().stats(metric, TimeRange.ALL);
    }

    /** The engine's percentiles against the nearest-rank percentiles of the recorded values, within its error. */
    private void assertPercentiles(final String metric, final long[] recorded)
    {
        engine.flush();
        final long[] sorted = recorded.clone();
        Arrays.sort(sorted);
        final PercentileResult result = engine.queries().percentiles(metric, Map.of(), TimeRange.ALL, FRACTIONS);
        assertEquals(recorded.length, result.count());
        assertTrue(result.relativeError() <= 0.001, result.toString());
        for (final double fraction : FRACTIONS)
        {
            final long exact = sorted[Math.max(0, (int)Math.ceil(fraction * sorted.length) - 1)];
            final long reported = result.values().get(fraction);
            assertTrue(Math.abs(reported - exact) <= Math.max(1, exact * result.relativeError()),
                "p" + fraction * 100 + " of " + metric + ": engine " + reported + ", recorded " + exact);
        }
    }
}
