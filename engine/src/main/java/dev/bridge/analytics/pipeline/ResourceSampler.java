package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.store.MetricStore;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * Samples the engine's resource gauges and self-metrics on the bucket stage's consumer thread, at the configured
 * interval, and records them into the bucket stage like any gauge value:
 * the gauges {@code engine.resource_gauges} names (the DSPex catalog's {@code memory_usage_mb}: JVM heap used,
 * {@code process_count}: live JVM threads, {@code ets_memory_mb}: off-heap bytes of the store and the direct buffers),
 * and one {@code engine_*} gauge per {@link SelfMetric}.
 * Allocation-free. Not thread-safe: called by one consumer thread.
 */
final class ResourceSampler
{
    private static final long MB = 1024L * 1024L;

    private final long intervalMs;
    private final EngineCounters counters;
    private final MetricStore store;
    private final EventPublisher publisher;
    private final CounterCells counterCells;
    private final IntSupplier seriesCount;
    private final int memorySeries;
    private final int threadSeries;
    private final int offHeapSeries;
    private final int[] selfSeries;
    private final SelfMetric[] selfMetrics = SelfMetric.values();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final BufferPoolMXBean directPool;
    private final Runtime runtime = Runtime.getRuntime();
    private long nextSampleMs = Long.MIN_VALUE;

    /**
     * @param seriesIds series of the heap, threads and off-heap gauges ({@code engine.resource_gauges}; -1 when not
     *                  sampled),
     *                  then one per {@link SelfMetric} in declaration order.
     */
    ResourceSampler(
        final long intervalMs, final EngineCounters counters, final MetricStore store,
        final EventPublisher publisher, final CounterCells counterCells, final IntSupplier seriesCount,
        final int[] seriesIds)
    {
        this.intervalMs = intervalMs;
        this.counters = counters;
        this.store = store;
        this.publisher = publisher;
        this.counterCells = counterCells;
        this.seriesCount = seriesCount;
        this.memorySeries = seriesIds[0];
        this.threadSeries = seriesIds[1];
        this.offHeapSeries = seriesIds[2];
        this.selfSeries = Arrays.copyOfRange(seriesIds, 3, seriesIds.length);
        BufferPoolMXBean direct = null;
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if ("direct".equals(pool.getName()))
            {
                direct = pool;
            }
        }
        this.directPool = direct;
    }

    /**
     * When due, updates the derived counters (published, ring, series, store: levels read from their holders) and
     * records every sampled gauge, each self-metric read from the registry.
     */
    void onTick(final long nowMs, final BucketLevels levels)
    {
        if (intervalMs <= 0 || nowMs < nextSampleMs)
        {
            return;
        }
        nextSampleMs = nowMs - Math.floorMod(nowMs, intervalMs) + intervalMs;
        counters.counter(SelfMetric.EVENTS_PUBLISHED).setRelease(publisher.offeredCount() + counterCells.offeredCount());
        counters.counter(SelfMetric.RING_REMAINING).setRelease(publisher.sharedRingRemaining());
        counters.counter(SelfMetric.SERIES).setRelease(seriesCount.getAsInt());
        counters.counter(SelfMetric.RECORDING_THREADS).setRelease(counterCells.blockCount());
        final long offHeapBytes = store.offHeapBytes();
        counters.counter(SelfMetric.STORE_OFF_HEAP_BYTES).setRelease(offHeapBytes);
        counters.counter(SelfMetric.STORE_BUCKETS).setRelease(store.aggregateBuckets());
        counters.counter(SelfMetric.STORE_WRITE_FAILURES).setRelease(store.writeFailures());
        record(levels, memorySeries, (runtime.totalMemory() - runtime.freeMemory()) / MB, nowMs);
        record(levels, threadSeries, threads.getThreadCount(), nowMs);
        record(levels, offHeapSeries, (offHeapBytes + (directPool == null ? 0 : directPool.getMemoryUsed())) / MB, nowMs);
        for (int i = 0; i < selfMetrics.length; i++)
        {
            record(levels, selfSeries[i], counters.get(selfMetrics[i]), nowMs);
        }
    }

    private static void record(final BucketLevels levels, final int seriesId, final long value, final long nowMs)
    {
        if (seriesId >= 0)
        {
            levels.onValue(seriesId, value, nowMs);
        }
    }
}
