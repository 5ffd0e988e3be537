package dev.bridge.analytics;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.OverflowPolicy;
import dev.bridge.analytics.config.PipelineThreading;
import dev.bridge.analytics.pipeline.SelfMetric;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NoLossTest
{
    private static final int PRODUCERS = 2;
    private static final int EVENTS_PER_PRODUCER = 5_000_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(PipelineThreading.class)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldAggregateEveryEventExactlyUnderMultiProducerLoad(final PipelineThreading threading) throws Exception
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(
            TestConfigs.inDirectory(dir, b -> b.pipelineThreading(threading).ringSize(1024))))
        {
            final CounterHandle reads = engine.counter("variable_read");
            final HistogramHandle latency = engine.histogram("read_latency_us");
            final List<CounterHandle> errors = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++)
            {
                errors.add(engine.counter("operation_error", "operation", "producer-" + p));
            }
            final long[] latencySums = new long[PRODUCERS];
            final CyclicBarrier start = new CyclicBarrier(PRODUCERS);
            final List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++)
            {
                final int producer = p;
                producers.add(new Thread(() ->
                {
                    await(start);
                    long sum = 0;
                    for (int i = 0; i < EVENTS_PER_PRODUCER; i++)
                    {
                        switch (i % 3)
                        {
                            case 0 -> reads.increment();
                            case 1 ->
                            {
                                final long v = 1 + (i * 7919L + producer) % 50_000;
                                latency.record(v);
                                sum += v;
                            }
                            default -> errors.get(producer).add(2);
                        }
                    }
                    latencySums[producer] = sum;
                }));
            }
            producers.forEach(Thread::start);
            for (final Thread t : producers)
            {
                t.join();
            }
            engine.flush();

            final long perProducerReads = (EVENTS_PER_PRODUCER + 2) / 3;
            final long perProducerLatencies = (EVENTS_PER_PRODUCER + 1) / 3;
            final long perProducerErrors = EVENTS_PER_PRODUCER / 3;
            final Stats readStats = engine.queries().stats("variable_read", TimeRange.ALL);
            assertEquals(PRODUCERS * perProducerReads, readStats.count());
            assertEquals(PRODUCERS * perProducerReads, readStats.sum());
            final Stats latencyStats = engine.queries().stats("read_latency_us", TimeRange.ALL);
            assertEquals(PRODUCERS * perProducerLatencies, latencyStats.count());
            assertEquals(latencySums[0] + latencySums[1], latencyStats.sum());
            final Histogram distribution = engine.queries().distribution("read_latency_us", Map.of(), TimeRange.ALL);
            assertEquals(PRODUCERS * perProducerLatencies, distribution.getTotalCount());
            for (int p = 0; p < PRODUCERS; p++)
            {
                final Stats errorStats = engine.queries().stats("operation_error", Map.of("operation", "producer-" + p), TimeRange.ALL);
                assertEquals(perProducerErrors, errorStats.count());
                assertEquals(2 * perProducerErrors, errorStats.sum());
            }
            final long total = (long)PRODUCERS * EVENTS_PER_PRODUCER;
            assertEquals(total, engine.eventsPublished());
            assertEquals(total, engine.selfMetric(SelfMetric.EVENTS_AGGREGATED));
            assertEquals(0, engine.selfMetric(SelfMetric.EVENTS_REJECTED));
            assertEquals(0, engine.selfMetric(SelfMetric.EVENTS_DROPPED));
            assertEquals(0, engine.selfMetric(SelfMetric.HANDLER_ERRORS));
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldCountEveryDroppedEventExactlyWhenTheRingIsFull() throws Exception
    {
        final ManualClock clock = new ManualClock(1_700_000_000_000L);
        final int ringSize = 64;
        final int offered = 1_000;
        try (AnalyticsEngine engine = AnalyticsEngine.start(
            TestConfigs.inDirectory(dir, b -> b.producerRingSize(ringSize).overflowPolicy(OverflowPolicy.DROP)), clock))
        {
            final HistogramHandle writes = engine.histogram("write_latency_us"); // counters do not use the ring
            engine.flush();
            clock.block(); // the consumer stops at its next clock read: before it takes any new event
            for (int i = 0; i < offered; i++)
            {
                writes.record(100);
            }
            assertEquals(offered - ringSize, engine.selfMetric(SelfMetric.EVENTS_DROPPED));
            clock.release();
            engine.flush();
            assertEquals(offered, engine.eventsPublished());
            assertEquals(ringSize, engine.queries().stats("write_latency_us", TimeRange.ALL).count());
            assertEquals(ringSize, engine.selfMetric(SelfMetric.EVENTS_AGGREGATED));
            assertEquals(offered,
                engine.selfMetric(SelfMetric.EVENTS_AGGREGATED) + engine.selfMetric(SelfMetric.EVENTS_DROPPED) +
                engine.selfMetric(SelfMetric.EVENTS_REJECTED));
        }
    }

    private static void await(final CyclicBarrier barrier)
    {
        try
        {
            barrier.await(30, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
