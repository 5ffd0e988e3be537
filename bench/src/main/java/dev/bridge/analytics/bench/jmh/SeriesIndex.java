package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The series a benchmark thread records into in the two-series benchmarks: JMH's thread index modulo 2, so with
 * {@code @Threads(2)} each thread has a series of its own (index 0 or 1 of the states' two instruments).
 * <p>
 * Thread-safety: {@code Scope.Thread}, one instance per benchmark thread.
 */
@State(Scope.Thread)
public class SeriesIndex
{
    /** 0 or 1. */
    public int index;

    @Setup(Level.Trial)
    public void setUp(final ThreadParams threadParams)
    {
        index = threadParams.getThreadIndex() & 1;
    }
}
