package dev.bridge.analytics.bench;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by threads, from {@code com.sun.management.ThreadMXBean}. Thread-safe (the MXBean is).
 */
public final class ThreadAllocation
{
    private static final ThreadMXBean THREADS =
        (ThreadMXBean)ManagementFactory.getThreadMXBean();

    static
    {
        if (THREADS.isThreadAllocatedMemorySupported() && !THREADS.isThreadAllocatedMemoryEnabled())
        {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
    }

    private ThreadAllocation()
    {
    }

    /** @return bytes allocated so far by the calling thread. */
    public static long currentThread()
    {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** @return bytes allocated so far by the given live threads, summed (dead or unknown threads count 0). */
    public static long threads(final long[] threadIds)
    {
        long total = 0;
        for (final long bytes : THREADS.getThreadAllocatedBytes(threadIds))
        {
            if (bytes > 0)
            {
                total += bytes;
            }
        }
        return total;
    }
}
