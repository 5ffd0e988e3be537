package dev.bridge.analytics;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.config.OverflowPolicy;
import dev.bridge.analytics.config.PipelineThreading;
import dev.bridge.analytics.pipeline.SelfMetric;
import org.agrona.concurrent.EpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A single-producer ring per recording thread: exact totals with more threads than rings (the fallback counted
 * once per thread), rings of dead threads drained and reused under thread churn, gauges last-writer-wins across
 * threads whatever order the consumer drains the rings in, flush covering every ring, and exact drop counts per ring.
 * Every overlap of threads is made with latches; no sleeps.
 */
class ProducerRingsTest
{
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    /**
     * 6 threads with a bound of 2 rings, all alive at once (a latch holds each after its first record until every one
     * has recorded): 2 own a ring, 4 fall back to the shared ring, counted exactly; then each records histogram values,
     * gauge sets and explicit-time counter adds into its own series, and every total is exact after one flush.
     */
    @ParameterizedTest
    @EnumSource(PipelineThreading.class)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldAggregateExactlyWithMoreThreadsThanRings(final PipelineThreading threading) throws Exception
    {
        final int threads = 6;
        final int events = 200_000;
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b
            .pipelineThreading(threading).maxProducerThreads(2).producerRingSize(256).ringSize(1024))))
        {
            final HistogramHandle latency = engine.histogram("read_latency_us");
            final GaugeHandle sessions = engine.gauge("active_sessions");
            final CountDownLatch allClaimed = new CountDownLatch(threads);
            final List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final CounterHandle own = engine.counter("operation_error", "operation", "thread-" + t);
                final Thread thread = new Thread(() ->
                {
                    latency.record(1); // claims a ring or falls back
                    allClaimed.countDown();
                    await(allClaimed);
                    final long nowMs = System.currentTimeMillis();
                    for (int i = 0; i < events; i++)
                    {
                        latency.record(2);
                        sessions.set(i);
                        own.addAt(3, nowMs);
                    }
                });
                started.add(thread);
                thread.start();
            }
            for (final Thread thread : started)
            {
                thread.join();
            }
            engine.flush();

            final Stats latencyStats = engine.queries().stats("read_latency_us", TimeRange.ALL);
            assertEquals(threads * (events + 1L), latencyStats.count());
            assertEquals(threads * (2L * events + 1), latencyStats.sum());
            assertEquals((long)threads * events, engine.queries().stats("active_sessions", TimeRange.ALL).count());
            for (int t = 0; t < threads; t++)
            {
                final Stats own = engine.queries().stats("operation_error", Map.of("operation", "thread-" + t), TimeRange.ALL);
                assertEquals(events, own.count());
                assertEquals(3L * events, own.sum());
            }
            assertEquals(threads * (3L * events + 1), engine.eventsPublished());
            assertEquals(threads * (3L * events + 1), engine.selfMetric(SelfMetric.EVENTS_AGGREGATED));
            assertEquals(4, engine.selfMetric(SelfMetric.PRODUCER_RING_FALLBACKS));
            assertEquals(0, engine.selfMetric(SelfMetric.EVENTS_DROPPED));
        }
    }

    /**
     * 200 short-lived threads with a bound of 4 rings: 48 rounds of 4 threads that record and end one after another
     * (every ring freed before the next round: no fallback, never more than 4 rings), then 2 rounds of 4 threads held
     * alive together with the 4 threads of the round before (8 threads beyond a bound of 4: exactly 4 fallbacks each).
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldReuseTheRingsOfDeadThreadsUnderChurn() throws Exception
    {
        final int events = 1_000;
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b
            .maxProducerThreads(4).producerRingSize(64))))
        {
            final HistogramHandle latency = engine.histogram("read_latency_us");
            long threadsRun = 0;
            for (int round = 0; round < 48; round++)
            {
                runTogether(4, () -> recordMany(latency, events), null);
                threadsRun += 4;
                engine.flush(); // its commit frees the rings of the dead threads
                assertEquals(0, engine.selfMetric(SelfMetric.PRODUCER_RINGS), "round " + round);
            }
            assertEquals(0, engine.selfMetric(SelfMetric.PRODUCER_RING_FALLBACKS));
            // 8 threads alive together: the first 4 take the 4 free rings, the next 4 fall back
            final CountDownLatch firstHoldRings = new CountDownLatch(4);
            final CountDownLatch release = new CountDownLatch(1);
            final List<Thread> holders = start(4, () ->
            {
                recordMany(latency, events);
                firstHoldRings.countDown();
                await(release);
            });
            await(firstHoldRings);
            assertEquals(4, engine.selfMetric(SelfMetric.PRODUCER_RINGS));
            runTogether(4, () -> recordMany(latency, events), null);
            release.countDown();
            join(holders);
            threadsRun += 8;
            engine.flush();
            assertEquals(4, engine.selfMetric(SelfMetric.PRODUCER_RING_FALLBACKS));
            assertEquals(0, engine.selfMetric(SelfMetric.PRODUCER_RINGS));

            assertEquals(200, threadsRun);
            assertEquals(threadsRun * events, engine.queries().stats("read_latency_us", TimeRange.ALL).count());
            assertEquals(threadsRun * events * 7, engine.queries().stats("read_latency_us", TimeRange.ALL).sum());
            assertEquals(threadsRun * events, engine.eventsPublished());
        }
    }

    /**
     * A handle caches the ring of the first thread that records through it; another thread recording through the same
     * handle must still publish into its own ring (two rings, never a second producer on a single-producer ring), and
     * a thread that later takes over the first thread's freed ring uses it through the cache.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldPublishOnlyIntoTheCallingThreadsRingThroughAHandleCache() throws Exception
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b.maxProducerThreads(4))))
        {
            final HistogramHandle latency = engine.histogram("read_latency_us");
            final CountDownLatch recorded = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            final List<Thread> first = start(1, () ->
            {
                latency.record(5); // caches this thread's ring in the handle
                recorded.countDown();
                await(release);
            });
            await(recorded);
            latency.record(7);
            assertEquals(2, engine.selfMetric(SelfMetric.PRODUCER_RINGS), "one ring per thread, none shared");
            release.countDown();
            join(first);
            engine.flush(); // frees the first thread's ring
            assertEquals(1, engine.selfMetric(SelfMetric.PRODUCER_RINGS));
            runTogether(1, () -> latency.record(11), null); // takes over the freed ring
            engine.flush();
            assertEquals(0, engine.selfMetric(SelfMetric.PRODUCER_RING_FALLBACKS));
            assertEquals(3, engine.queries().stats("read_latency_us", TimeRange.ALL).count());
            assertEquals(23, engine.queries().stats("read_latency_us", TimeRange.ALL).sum());
            assertEquals(3, engine.eventsPublished());
        }
    }

    /**
     * Two threads own rings 0 and 1 (in that claim order, so the consumer drains ring 0 first). With the consumer held
     * at its clock, one thread sets the gauge, hands off through a latch, and the other sets it later; once released,
     * the consumer drains both rings in one pass. The bucket's last value is the later set, both when the later set
     * is in the ring drained first and when it is in the ring drained second.
     */
    @ParameterizedTest(name = "later set in ring {0}")
    @ValueSource(ints = { 0, 1 })
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldKeepTheLastGaugeSetInRealOrderAcrossThreads(final int laterRing) throws Exception
    {
        final ManualClock clock = new ManualClock(T0);
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            final GaugeHandle sessions = engine.gauge("active_sessions");
            final HistogramHandle latency = engine.histogram("read_latency_us");
            final CountDownLatch ring0Claimed = new CountDownLatch(1);
            final CountDownLatch ring1Claimed = new CountDownLatch(1);
            final CountDownLatch consumerHeld = new CountDownLatch(1);
            final CountDownLatch earlierSet = new CountDownLatch(1);
            final CountDownLatch laterSet = new CountDownLatch(1);
            final CountDownLatch[] turn = { new CountDownLatch(1), new CountDownLatch(1) };
            final Thread[] owners = new Thread[2];
            for (int r = 0; r < 2; r++)
            {
                final int ring = r;
                owners[r] = new Thread(() ->
                {
                    if (ring == 1)
                    {
                        await(ring0Claimed);
                    }
                    latency.record(1); // claims ring 0, then ring 1
                    (ring == 0 ? ring0Claimed : ring1Claimed).countDown();
                    await(consumerHeld);
                    if (ring == laterRing)
                    {
                        await(earlierSet);
                        sessions.set(700);
                        laterSet.countDown();
                    }
                    else
                    {
                        sessions.set(500);
                        earlierSet.countDown();
                    }
                    await(turn[ring]);
                }, "gauge-setter-" + r);
                owners[r].start();
            }
            await(ring1Claimed);
            engine.flush(); // both rings drained: the consumer is idle until its next tick
            clock.block();
            Await.until("consumer held at its clock", () -> clock.isWaiting("analytics-pipeline"));
            consumerHeld.countDown();
            await(laterSet);
            clock.release();
            engine.flush();
            assertEquals(700L, engine.queries().stats("active_sessions", TimeRange.ALL).last());
            assertEquals(2, engine.queries().stats("active_sessions", TimeRange.ALL).count());
            turn[0].countDown();
            turn[1].countDown();
            join(List.of(owners));
        }
    }

    /** Threads that recorded into their own rings and are still alive: one flush covers every ring and the shared one. */
    @ParameterizedTest
    @EnumSource(PipelineThreading.class)
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldFlushEveryRing(final PipelineThreading threading) throws Exception
    {
        final int threads = 5; // bound 3: two on the shared ring
        final int events = 50_000;
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b
            .pipelineThreading(threading).maxProducerThreads(3))))
        {
            final HistogramHandle latency = engine.histogram("read_latency_us");
            final CountDownLatch recorded = new CountDownLatch(threads);
            final CountDownLatch release = new CountDownLatch(1);
            final List<Thread> producers = start(threads, () ->
            {
                recordMany(latency, events);
                recorded.countDown();
                await(release);
            });
            await(recorded);
            engine.flush();
            assertEquals((long)threads * events, engine.queries().stats("read_latency_us", TimeRange.ALL).count());
            assertEquals(3, engine.selfMetric(SelfMetric.PRODUCER_RINGS));
            assertEquals(2, engine.selfMetric(SelfMetric.PRODUCER_RING_FALLBACKS));
            release.countDown();
            join(producers);
        }
    }

    /**
     * Drop policy with the consumer held at its clock: two threads own rings of 64 slots and a third falls back to the
     * shared ring of 64; each offers 1,000 events: exactly 3 x 936 are dropped, and offered == aggregated + dropped.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldCountDropsExactlyPerRing() throws Exception
    {
        final ManualClock clock = new ManualClock(T0);
        final int offered = 1_000;
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b
            .overflowPolicy(OverflowPolicy.DROP).producerRingSize(64).ringSize(64).maxProducerThreads(2)), clock))
        {
            final HistogramHandle latency = engine.histogram("write_latency_us");
            engine.flush();
            clock.block();
            Await.until("consumer held at its clock", () -> clock.isWaiting("analytics-pipeline"));
            runTogether(3, () ->
            {
                for (int i = 0; i < offered; i++)
                {
                    latency.record(100);
                }
            }, null);
            assertEquals(3L * (offered - 64), engine.selfMetric(SelfMetric.EVENTS_DROPPED));
            clock.release();
            engine.flush();
            assertEquals(3L * offered, engine.eventsPublished());
            assertEquals(3L * 64, engine.queries().stats("write_latency_us", TimeRange.ALL).count());
            assertEquals(engine.eventsPublished(),
                engine.selfMetric(SelfMetric.EVENTS_AGGREGATED) + engine.selfMetric(SelfMetric.EVENTS_DROPPED));
        }
    }

    /** A handle used after close never blocks, whether its thread had a ring or gets one after close. */
    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldNeverBlockAfterClose() throws Exception
    {
        final AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b.producerRingSize(64)));
        final HistogramHandle latency = engine.histogram("read_latency_us");
        latency.record(1);
        engine.close();
        recordMany(latency, 10_000);
        runTogether(2, () -> recordMany(latency, 10_000), null);
    }

    private static void recordMany(final HistogramHandle latency, final int events)
    {
        for (int i = 0; i < events; i++)
        {
            latency.record(7);
        }
    }

    private static List<Thread> start(final int count, final Runnable body)
    {
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final Thread thread = new Thread(body);
            threads.add(thread);
            thread.start();
        }
        return threads;
    }

    private static void runTogether(final int count, final Runnable body, final Object unused) throws InterruptedException
    {
        join(start(count, body));
    }

    private static void join(final List<Thread> threads) throws InterruptedException
    {
        for (final Thread thread : threads)
        {
            thread.join();
        }
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            assertTrue(latch.await(1, TimeUnit.MINUTES), "latch not released");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
    /**
     * Each ring's events are stamped with a clock read after that ring's cursor was read: an event published into a
     * later ring while the consumer was taking an earlier ring's events belongs to the newer time (a pass stamped
     * every ring with the time read at its first event, so such an event landed in a second that had ended).
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldStampEachRingsEventsWithATimeReadAfterTheyWerePublished() throws Exception
    {
        final ManualClock manual = new ManualClock(T0);
        final AtomicReference<Runnable> onFirstEventRead =
            new AtomicReference<>();
        final EpochClock clock = () ->
        {
            final long now = manual.time();
            final boolean inOnEvent = StackWalker.getInstance().walk(frames -> frames.anyMatch(f ->
                f.getClassName().endsWith("ConsumerHandler") && f.getMethodName().equals("onEvent")));
            if (inOnEvent)
            {
                final Runnable action = onFirstEventRead.getAndSet(null);
                if (action != null)
                {
                    action.run(); // after this read: the clock moves on and another thread publishes
                }
            }
            return now;
        };
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            final HistogramHandle latency = engine.histogram("read_latency_us");
            final ExecutorService first = Executors.newSingleThreadExecutor();
            final ExecutorService second = Executors.newSingleThreadExecutor();
            try
            {
                // each thread claims its ring, the first one first (a pass reads the rings in that order)
                first.submit(() -> latency.record(1)).get();
                second.submit(() -> latency.record(1)).get();
                engine.flush();
                onFirstEventRead.set(() ->
                {
                    manual.set(T0 + 2_000);
                    try
                    {
                        second.submit(() -> latency.record(700)).get(); // published into the later ring
                    }
                    catch (final Exception ex)
                    {
                        throw new IllegalStateException(ex);
                    }
                });
                first.submit(() -> latency.record(500)).get();
                Await.until("the consumer took the first ring's event", () -> onFirstEventRead.get() == null);
                engine.flush();
            }
            finally
            {
                first.shutdownNow();
                second.shutdownNow();
            }
            final Stats older = engine.queries().stats("read_latency_us", TimeRange.between(
                Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 1_000)));
            final Stats newer = engine.queries().stats("read_latency_us", TimeRange.between(
                Instant.ofEpochMilli(T0 + 2_000), Instant.ofEpochMilli(T0 + 3_000)));
            assertEquals(3, older.count(), "the warm-up values and the first ring's value");
            assertEquals(500, older.max());
            assertEquals(1, newer.count(), "the later ring's value at the time after it was published");
            assertEquals(700, newer.sum());
        }
    }
}
