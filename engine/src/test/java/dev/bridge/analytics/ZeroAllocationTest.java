package dev.bridge.analytics;

import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import com.sun.management.ThreadMXBean;
import dev.bridge.analytics.config.PipelineThreading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot-path contract: once warm, producer and consumer threads allocate exactly 0 bytes over a window of
 * {@value #WINDOW_EVENTS} events, including commits to the store, bucket opens and closes and resource sampling
 * (the injected clock moves through a bucket every 20 clock steps).
 * <p>
 * The JIT and Chronicle Map's generated code allocate a few bytes now and then while they settle (resolving a
 * string constant after a deoptimisation, seen with JFR): so the test measures consecutive windows after warm-up
 * and requires one of at most {@value #MAX_WINDOWS} to be entirely allocation-free on every thread. A per-event
 * allocation (even 1 byte in 10,000 events) can never pass.
 */
class ZeroAllocationTest
{
    private static final int WARM_UP_EVENTS = 2_000_000;
    private static final int WINDOW_EVENTS = 1_000_000;
    private static final int MAX_WINDOWS = 8;
    private static final int EVENTS_PER_CLOCK_STEP = 20_000;
    private static final long CLOCK_STEP_MS = 50;

    private final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(PipelineThreading.class)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldAllocateNothingPerEventOnProducerAndConsumerThreads(final PipelineThreading threading)
    {
        final ManualClock clock = new ManualClock(1_700_000_000_000L);
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b
            .pipelineThreading(threading).resourceSamplingInterval(Duration.ofMillis(200))), clock))
        {
            final CounterHandle reads = engine.counter("variable_read");
            final CounterHandle errors = engine.counter("operation_error", "operation", "read");
            final HistogramHandle latency = engine.histogram("read_latency_us");
            final GaugeHandle sessions = engine.gauge("active_sessions");

            publish(clock, reads, errors, latency, sessions, WARM_UP_EVENTS);
            engine.flush();

            final long[] consumerIds = engine.consumerThreadIds();
            final List<String> windows = new ArrayList<>();
            boolean allocationFree = false;
            int measured = 0;
            while (!allocationFree && measured < MAX_WINDOWS)
            {
                final long[] consumerBefore = threads.getThreadAllocatedBytes(consumerIds);
                final long producerBefore = threads.getCurrentThreadAllocatedBytes();
                publish(clock, reads, errors, latency, sessions, WINDOW_EVENTS);
                final long producerBytes = threads.getCurrentThreadAllocatedBytes() - producerBefore;
                engine.flush();
                final long[] consumerBytes = threads.getThreadAllocatedBytes(consumerIds);
                for (int i = 0; i < consumerBytes.length; i++)
                {
                    consumerBytes[i] -= consumerBefore[i];
                }
                measured++;
                windows.add("producer " + producerBytes + " B, consumers " + Arrays.toString(consumerBytes) + " B");
                allocationFree = producerBytes == 0 && Arrays.stream(consumerBytes).allMatch(b -> b == 0);
            }
            assertTrue(allocationFree, "no allocation-free window of " + WINDOW_EVENTS + " events: " + windows);
            assertEquals(WARM_UP_EVENTS + (long)measured * WINDOW_EVENTS,
                engine.queries().stats("variable_read", TimeRange.ALL).count() +
                engine.queries().stats("operation_error", TimeRange.ALL).count() +
                engine.queries().stats("read_latency_us", TimeRange.ALL).count() +
                engine.queries().stats("active_sessions", TimeRange.ALL).count());
        }
    }

    /**
     * Three recording threads with a bound of two rings (two own a ring, the third publishes into the shared ring),
     * each measured on its own thread after its first record: every window must find each producer thread and
     * every consumer thread at 0 bytes (same windows rule as above). Thread 0 alone moves the clock.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldAllocateNothingPerEventOnEveryRecordingThreadAfterItsFirstRecord() throws Exception
    {
        final int producers = 3;
        final ManualClock clock = new ManualClock(1_700_000_000_000L);
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b
            .maxProducerThreads(2).resourceSamplingInterval(Duration.ofMillis(200))), clock))
        {
            final CounterHandle reads = engine.counter("variable_read");
            final CounterHandle errors = engine.counter("operation_error", "operation", "read");
            final HistogramHandle latency = engine.histogram("read_latency_us");
            final GaugeHandle sessions = engine.gauge("active_sessions");
            final CyclicBarrier start = new CyclicBarrier(producers + 1);
            final CyclicBarrier end = new CyclicBarrier(producers + 1);
            final long[] producerBytes = new long[producers];
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final boolean[] stop = { false };
            final List<Thread> producerThreads = new ArrayList<>();
            for (int p = 0; p < producers; p++)
            {
                final int id = p;
                final ManualClock mover = id == 0 ? clock : null;
                final Thread thread = new Thread(() ->
                {
                    try
                    {
                        publish(mover, reads, errors, latency, sessions, WARM_UP_EVENTS / producers);
                        end.await();
                        while (true)
                        {
                            start.await();
                            if (stop[0]) // written before the barrier by the main thread
                            {
                                return;
                            }
                            final long before = threads.getCurrentThreadAllocatedBytes();
                            publish(mover, reads, errors, latency, sessions, WINDOW_EVENTS / producers);
                            producerBytes[id] = threads.getCurrentThreadAllocatedBytes() - before;
                            end.await();
                        }
                    }
                    catch (final Throwable t)
                    {
                        failure.set(t);
                    }
                });
                producerThreads.add(thread);
                thread.start();
            }
            end.await();
            engine.flush();
            final long[] consumerIds = engine.consumerThreadIds();
            final List<String> windows = new ArrayList<>();
            boolean allocationFree = false;
            int measured = 0;
            while (!allocationFree && measured < MAX_WINDOWS)
            {
                final long[] consumerBefore = threads.getThreadAllocatedBytes(consumerIds);
                start.await();
                end.await();
                engine.flush();
                final long[] consumerBytes = threads.getThreadAllocatedBytes(consumerIds);
                for (int i = 0; i < consumerBytes.length; i++)
                {
                    consumerBytes[i] -= consumerBefore[i];
                }
                measured++;
                windows.add("producers " + Arrays.toString(producerBytes) + " B, consumers " + Arrays.toString(consumerBytes) + " B");
                allocationFree = Arrays.stream(producerBytes).allMatch(b -> b == 0) &&
                    Arrays.stream(consumerBytes).allMatch(b -> b == 0);
            }
            stop[0] = true;
            start.await();
            for (final Thread thread : producerThreads)
            {
                thread.join();
            }
            assertEquals(null, failure.get());
            assertTrue(allocationFree, "no allocation-free window of " + WINDOW_EVENTS + " events: " + windows);
            assertEquals(1, engine.selfMetric(SelfMetric.PRODUCER_RING_FALLBACKS));
            final long perThread = WARM_UP_EVENTS / producers + (long)measured * (WINDOW_EVENTS / producers);
            assertEquals(producers * perThread,
                engine.queries().stats("variable_read", TimeRange.ALL).count() +
                engine.queries().stats("operation_error", TimeRange.ALL).count() +
                engine.queries().stats("read_latency_us", TimeRange.ALL).count() +
                engine.queries().stats("active_sessions", TimeRange.ALL).count());
        }
    }

    private static void publish(
        final ManualClock clock, final CounterHandle reads, final CounterHandle errors,
        final HistogramHandle latency, final GaugeHandle sessions, final int events)
    {
        for (int i = 0; i < events; i++)
        {
            switch (i & 3)
            {
                case 0 -> reads.increment();
                case 1 -> latency.record(100 + (i & 0xFFFF));
                case 2 -> sessions.set(i & 0xFF);
                default -> errors.add(1);
            }
            if (clock != null && i % EVENTS_PER_CLOCK_STEP == 0)
            {
                clock.advance(CLOCK_STEP_MS);
            }
        }
    }
}
