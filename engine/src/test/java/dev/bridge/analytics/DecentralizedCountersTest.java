package dev.bridge.analytics;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.config.PipelineThreading;
import dev.bridge.analytics.pipeline.SelfMetric;
import org.agrona.concurrent.EpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Decentralized counters ({@code CounterHandle.increment/add} write per-thread cells that the consumer folds): exact
 * totals with many threads on shared and separate series, flush() covering every cell written before it, negative
 * amounts rejected and counted, blocks of terminated threads reclaimed without losing their calls, and exact deltas
 * when a thread's running sum passes 2^64.
 */
class DecentralizedCountersTest
{
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 1_000_000;
    private static final long SEED = 0x5EED_14C0_0117L;
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    /**
     * 8 threads x 1,000,000 iterations, each one increment of a shared counter, one add to a shared counter and one
     * add to the thread's own series; the threads stop at seeded random points at a barrier (the happens-before edge),
     * the main thread flushes and checks every total against what the threads wrote up to there, then lets them go on.
     */
    @ParameterizedTest
    @EnumSource(PipelineThreading.class)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldAggregateEveryCallExactlyAtEveryFlushWithManyThreads(final PipelineThreading threading) throws Exception
    {
        final int[] cuts = cuts(new SplittableRandom(SEED), 6);
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b.pipelineThreading(threading))))
        {
            final CounterHandle reads = engine.counter("variable_read");
            final CounterHandle hits = engine.counter("cache_hit");
            final CounterHandle[] own = new CounterHandle[THREADS];
            for (int t = 0; t < THREADS; t++)
            {
                own[t] = engine.counter("operation_error", "operation", "thread-" + t);
            }
            final CyclicBarrier reached = new CyclicBarrier(THREADS + 1);
            final CyclicBarrier resume = new CyclicBarrier(THREADS + 1);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++)
            {
                final int thread = t;
                threads.add(new Thread(() ->
                {
                    try
                    {
                        int i = 0;
                        for (final int cut : cuts)
                        {
                            for (; i < cut; i++)
                            {
                                reads.increment();
                                hits.add(amount(i));
                                own[thread].add(amount(i + thread));
                            }
                            reached.await();
                            resume.await();
                        }
                    }
                    catch (final Throwable e)
                    {
                        failure.compareAndSet(null, e);
                    }
                }, "counter-producer-" + t));
            }
            threads.forEach(Thread::start);
            for (final int cut : cuts)
            {
                reached.await(2, TimeUnit.MINUTES);
                engine.flush();
                assertEquals((long)THREADS * cut, engine.queries().stats("variable_read", TimeRange.ALL).count(), "increments at " + cut);
                assertEquals((long)THREADS * cut, engine.queries().stats("variable_read", TimeRange.ALL).sum(), "increment sum at " + cut);
                assertEquals((long)THREADS * cut, engine.queries().stats("cache_hit", TimeRange.ALL).count(), "adds at " + cut);
                assertEquals(THREADS * sumOfAmounts(0, cut), engine.queries().stats("cache_hit", TimeRange.ALL).sum(), "add sum at " + cut);
                for (int t = 0; t < THREADS; t++)
                {
                    final Stats stats = engine.queries().stats("operation_error", Map.of("operation", "thread-" + t), TimeRange.ALL);
                    assertEquals(cut, stats.count(), "thread " + t + " at " + cut);
                    assertEquals(sumOfAmounts(t, cut), stats.sum(), "thread " + t + " sum at " + cut);
                }
                assertEquals(3L * THREADS * cut, engine.selfMetric(SelfMetric.EVENTS_PUBLISHED), "published at " + cut);
                assertEquals(3L * THREADS * cut, engine.selfMetric(SelfMetric.EVENTS_AGGREGATED), "aggregated at " + cut);
                resume.await(2, TimeUnit.MINUTES);
            }
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.MINUTES.toMillis(1));
            }
            assertNull(failure.get());
        }
    }

    @Test
    void shouldRejectAndCountANegativeAddWithoutTheRing()
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), new ManualClock(T0)))
        {
            final CounterHandle hits = engine.counter("cache_hit");
            hits.add(5);
            hits.add(-1);
            hits.add(Long.MIN_VALUE);
            hits.increment();
            engine.flush();
            final Stats stats = engine.queries().stats("cache_hit", TimeRange.ALL);
            assertEquals(2, stats.count());
            assertEquals(6, stats.sum());
            assertEquals(2, engine.selfMetric(SelfMetric.EVENTS_REJECTED));
            assertEquals(4, engine.selfMetric(SelfMetric.EVENTS_PUBLISHED));
            assertEquals(2, engine.selfMetric(SelfMetric.EVENTS_AGGREGATED));
        }
    }

    /** 200 short-lived threads: their blocks are folded one last time and removed at the next commit. */
    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldFoldAndReclaimTheCellsOfTerminatedThreads() throws Exception
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), new ManualClock(T0)))
        {
            final CounterHandle reads = engine.counter("variable_read");
            for (int t = 0; t < 200; t++)
            {
                final Thread thread = new Thread(() ->
                {
                    reads.increment();
                    reads.add(2);
                });
                thread.start();
                thread.join();
            }
            engine.flush(); // folds and reclaims: every owner has terminated (joined)
            assertEquals(0, engine.selfMetric(SelfMetric.RECORDING_THREADS));
            assertEquals(400, engine.queries().stats("variable_read", TimeRange.ALL).count());
            assertEquals(600, engine.queries().stats("variable_read", TimeRange.ALL).sum());
            assertEquals(400, engine.selfMetric(SelfMetric.EVENTS_PUBLISHED), "retired calls still counted");
            reads.increment();
            engine.flush();
            assertEquals(1, engine.selfMetric(SelfMetric.RECORDING_THREADS), "the test thread's block");
            assertEquals(401, engine.selfMetric(SelfMetric.EVENTS_PUBLISHED));
        }
    }

    /**
     * A handle caches the block of the first thread that records through it; another thread must still write its own
     * block (two blocks, not one shared), and the cache moves to a live thread once the cached block is retired.
     */
    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldWriteOnlyTheCallingThreadsCellsThroughAHandleCache() throws Exception
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), new ManualClock(T0)))
        {
            final CounterHandle reads = engine.counter("variable_read");
            final CyclicBarrier recorded = new CyclicBarrier(2);
            final CyclicBarrier release = new CyclicBarrier(2);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread first = new Thread(() ->
            {
                try
                {
                    reads.add(3); // caches this thread's block in the handle
                    recorded.await();
                    release.await();
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            });
            first.start();
            recorded.await();
            reads.add(5);
            engine.flush();
            assertEquals(2, engine.selfMetric(SelfMetric.RECORDING_THREADS), "one block per thread, none shared");
            release.await();
            first.join();
            engine.flush(); // retires the first thread's block
            assertEquals(1, engine.selfMetric(SelfMetric.RECORDING_THREADS));
            reads.add(7); // replaces the retired block in the cache
            reads.add(11);
            engine.flush();
            assertNull(failure.get());
            assertEquals(1, engine.selfMetric(SelfMetric.RECORDING_THREADS));
            assertEquals(4, engine.queries().stats("variable_read", TimeRange.ALL).count());
            assertEquals(26, engine.queries().stats("variable_read", TimeRange.ALL).sum());
            assertEquals(4, engine.selfMetric(SelfMetric.EVENTS_PUBLISHED));
        }
    }

    /** A thread's running sum wraps past 2^64 (with a wrap count): each bucket still gets the exact amount. */
    @Test
    void shouldFoldExactDeltasWhenAThreadsRunningSumPassesTwoTo64()
    {
        final ManualClock clock = new ManualClock(T0);
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            final CounterHandle hits = engine.counter("cache_hit");
            for (int s = 0; s < 3; s++)
            {
                clock.set(T0 + s * 1_000L);
                hits.add(Long.MAX_VALUE);
                engine.flush();
            }
            for (int s = 0; s < 3; s++)
            {
                final Stats raw = engine.queries().stats("cache_hit", TimeRange.between(
                    Instant.ofEpochMilli(T0 + s * 1_000L), Instant.ofEpochMilli(T0 + s * 1_000L + 1_000)));
                assertEquals(1, raw.count(), "second " + s);
                assertEquals(Long.MAX_VALUE, raw.sum(), "second " + s);
            }
        }
    }

    /** A counter's calls land in the bucket of the consumer's fold time: with a manual clock, the time of the flush. */
    @Test
    void shouldRecordACounterAtItsFoldTime()
    {
        final ManualClock clock = new ManualClock(T0);
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            final CounterHandle reads = engine.counter("variable_read");
            reads.increment();
            reads.add(3);
            clock.set(T0 + 2_000);
            engine.flush();
            final Stats folded = engine.queries().stats("variable_read", TimeRange.between(
                Instant.ofEpochMilli(T0 + 2_000), Instant.ofEpochMilli(T0 + 3_000)));
            assertEquals(2, folded.count());
            assertEquals(4, folded.sum());
            assertEquals(2, folded.min(), "a fold is recorded as its calls' mean, rounded down for min");
            assertEquals(2, folded.max());
        }
    }

    /**
     * A call made after the consumer read the clock for its pass or tick, but before it folded the cells, belongs to
     * the newer time: the fold reads the clock after the cells (it was stamped with the older pass time, and so landed
     * in a second that had ended before the call; 1 run in 40 of the HTTP tests' scripted traffic).
     */
    @Test
    void shouldNeverStampAFoldedCallWithATimeReadBeforeIt()
    {
        final AtomicReference<Runnable> onConsumerRead = new AtomicReference<>();
        final ManualClock manual = new ManualClock(T0);
        final EpochClock clock = () ->
        {
            final long now = manual.time();
            final String thread = Thread.currentThread().getName();
            if (thread.equals("analytics-pipeline") || thread.equals("analytics-bucket")) // the folding consumer
            {
                final Runnable action = onConsumerRead.getAndSet(null);
                if (action != null)
                {
                    action.run(); // after this read: the clock moves on and a call is made
                }
            }
            return now;
        };
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            final CounterHandle reads = engine.counter("variable_read");
            final CountDownLatch called = new CountDownLatch(1);
            onConsumerRead.set(() ->
            {
                manual.set(T0 + 2_000);
                reads.add(5);
                called.countDown();
            });
            Await.until("the consumer read the clock", () -> called.getCount() == 0);
            engine.flush();
            assertEquals(0, engine.queries().stats("variable_read", TimeRange.between(
                Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 1_000))).count(), "nothing in the older second");
            assertEquals(5, engine.queries().stats("variable_read", TimeRange.between(
                Instant.ofEpochMilli(T0 + 2_000), Instant.ofEpochMilli(T0 + 3_000))).sum(), "the call at its time");
        }
    }

    private static long amount(final int i)
    {
        return i % 7;
    }

    private static long sumOfAmounts(final int offset, final int calls)
    {
        long sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += amount(i + offset);
        }
        return sum;
    }

    /** @return {@code n} increasing cut points in (0, CALLS_PER_THREAD], the last one CALLS_PER_THREAD. */
    private static int[] cuts(final SplittableRandom random, final int n)
    {
        final int[] cuts = random.ints(n - 1, 1, CALLS_PER_THREAD).sorted().toArray();
        final int[] all = Arrays.copyOf(cuts, n);
        all[n - 1] = CALLS_PER_THREAD;
        return all;
    }
}
