package dev.bridge.analytics.bench.querybench;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.bench.DspexWorkload;
import dev.bridge.analytics.bench.SeriesPlan;
import dev.bridge.analytics.bench.WorkloadTable;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.pipeline.SelfMetric;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Backfills a store with a span of simulated history ending at a given time: the DSPex workload mix
 * ({@link DspexWorkload}: every catalog metric except the three gauges the engine samples itself) at a constant
 * number of events per simulated second, published with explicit timestamps. The mix is one workload table of
 * {@value WorkloadTable#DEFAULT_SIZE} events walked in a loop; every series appears in it, so a history of at least
 * that many events publishes on every series.
 * <p>
 * How: an engine runs on a {@link SteppedClock} that starts at the first simulated second. For each simulated
 * second T the clock is set to T, then that second's events are published with {@code addAt/recordAt/setAt(v, T)};
 * so events go in time order and the consumer's batch time (read after it sees the events) is never behind them:
 * nothing is rejected, nothing takes the late-merge path, and every resolution expires its buckets as it would
 * live. {@code flush()} runs every simulated minute (it costs about a millisecond), which bounds how far the
 * consumer lags the clock. Resource sampling is off (it would record this JVM's gauges at simulated times).
 * <p>
 * Thread-safety: not thread-safe; {@link #build} runs on the calling thread (the engine's consumer on its own).
 */
public final class HistoryBuilder
{
    /** Default events per simulated second. */
    public static final int DEFAULT_EVENTS_PER_SECOND = 300;
    private static final long SECOND_MS = 1_000L;
    private static final long FLUSH_EVERY_MS = 60_000L;

    private final EngineConfig config;
    private final Duration span;
    private final int eventsPerSecond;
    private final long seed;

    /**
     * @param config          catalog and settings (the data directory is replaced by the build's).
     * @param span            simulated history, whole seconds, at least one.
     * @param eventsPerSecond events per simulated second, at least one.
     * @param seed            seed of the workload mix.
     */
    public HistoryBuilder(final EngineConfig config, final Duration span, final int eventsPerSecond, final long seed)
    {
        if (span.toMillis() < SECOND_MS || span.toMillis() % SECOND_MS != 0)
        {
            throw new IllegalArgumentException("span must be a whole number of seconds >= 1s, was " + span);
        }
        if (eventsPerSecond < 1)
        {
            throw new IllegalArgumentException("events per second must be >= 1, was " + eventsPerSecond);
        }
        this.config = config;
        this.span = span;
        this.eventsPerSecond = eventsPerSecond;
        this.seed = seed;
    }

    /**
     * Writes the history into {@code directory} and closes the engine.
     *
     * @param directory an empty (or missing) directory.
     * @param endMs     end of the history, exclusive; rounded down to a whole second.
     */
    public History build(final Path directory, final long endMs)
    {
        final long end = endMs - Math.floorMod(endMs, SECOND_MS);
        final long start = end - span.toMillis();
        final EngineConfig effective = config.withDataDirectory(directory)
            .withEngine(b -> b.resourceSamplingInterval(Duration.ZERO));
        final SeriesPlan plan = SeriesPlan.of(effective);
        final WorkloadTable table = DspexWorkload.generate(plan, seed, WorkloadTable.DEFAULT_SIZE);
        final int[] seriesOf = table.seriesIndexes();
        final long[] valueOf = table.values();
        final int mask = table.mask();
        final long[] counts = new long[plan.size()];
        final long[] sums = new long[plan.size()];
        final SteppedClock clock = new SteppedClock(start);
        final long startNs = System.nanoTime();
        final long rejected;
        final long late;
        try (AnalyticsEngine engine = AnalyticsEngine.start(effective, clock))
        {
            final TimedHandles handles = TimedHandles.resolve(engine, plan);
            int pos = 0;
            for (long t = start; t < end; t += SECOND_MS)
            {
                clock.set(t);
                for (int i = 0; i < eventsPerSecond; i++)
                {
                    final int s = seriesOf[pos];
                    final long v = valueOf[pos];
                    handles.publishAt(s, v, t);
                    counts[s]++;
                    sums[s] += v;
                    pos = (pos + 1) & mask;
                }
                if ((t - start) % FLUSH_EVERY_MS == FLUSH_EVERY_MS - SECOND_MS)
                {
                    engine.flush();
                }
            }
            engine.flush();
            rejected = engine.selfMetric(SelfMetric.EVENTS_REJECTED);
            late = engine.selfMetric(SelfMetric.EVENTS_LATE);
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        return new History(directory, effective, plan, start, end, eventsPerSecond, counts, sums, rejected, late, seconds);
    }
}
