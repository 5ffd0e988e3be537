package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * One benchmark thread's position in the shared {@link LatencyValues}: {@link #next()} returns the value at the
 * position and advances it by one (wrapping). Threads start at different offsets, so two threads do not record the
 * same value at the same moment.
 * <p>
 * Thread-safety: {@code Scope.Thread}, one instance per benchmark thread; not thread-safe.
 */
@State(Scope.Thread)
public class ValueCursor
{
    private long[] values;
    private int index;

    /** Binds the cursor to the shared values at an offset that depends on the thread index. */
    @Setup
    public void setUp(final LatencyValues latencyValues, final ThreadParams threadParams)
    {
        values = latencyValues.values();
        index = (threadParams.getThreadIndex() * (LatencyValues.COUNT / 2 + 1)) & LatencyValues.MASK;
    }

    /** @return the next value, us. */
    public long next()
    {
        final int i = index;
        index = (i + 1) & LatencyValues.MASK;
        return values[i];
    }
}
