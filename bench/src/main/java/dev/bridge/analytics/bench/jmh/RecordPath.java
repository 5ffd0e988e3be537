package dev.bridge.analytics.bench.jmh;

/**
 * One implementation's recording call, as {@link RecordCostSampler} times it. Thread-safety: as the wrapped
 * instrument; the sampler uses one thread.
 */
public interface RecordPath extends AutoCloseable
{
    /** Records one latency, us. */
    void record(long valueUs);

    /** Releases what the implementation runs (consumer threads, readers); by default there is nothing to release. */
    @Override
    default void close()
    {
    }
}
