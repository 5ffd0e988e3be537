package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The raw Disruptor baselines as JMH states, one per Disruptor producer type; each takes the same {@code waitStrategy}
 * parameter as {@link EngineState}, so {@code -p waitStrategy=...} sets ours and the baseline alike.
 * Thread-safety: see {@link NoOpRing}.
 */
public final class RingStates
{
    private RingStates()
    {
    }

    /** A multi-producer ring, as the engine's shared fallback ring; any number of threads. */
    @State(Scope.Benchmark)
    public static class MultiProducer
    {
        @Param({ "sleeping" })
        public String waitStrategy;

        public NoOpRing ring;

        @Setup(Level.Trial)
        public void start()
        {
            ring = new NoOpRing(true, waitStrategy);
        }

        @TearDown(Level.Trial)
        public void stop()
        {
            ring.close();
        }
    }

    /** A single-producer ring (as each recording thread's own ring in the engine): one benchmark thread only. */
    @State(Scope.Benchmark)
    public static class SingleProducer
    {
        @Param({ "sleeping" })
        public String waitStrategy;

        public NoOpRing ring;

        @Setup(Level.Trial)
        public void start()
        {
            ring = new NoOpRing(false, waitStrategy);
        }

        @TearDown(Level.Trial)
        public void stop()
        {
            ring.close();
        }
    }
}
