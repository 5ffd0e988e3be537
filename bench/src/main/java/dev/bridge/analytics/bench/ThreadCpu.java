package dev.bridge.analytics.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of threads, from {@link ThreadMXBean#getThreadCpuTime} (user + system, ns). Thread-safe (the MXBean is);
 * the calls enumerate threads and allocate: setup and window edges only, never per event.
 */
public final class ThreadCpu
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static
    {
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled())
        {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    private ThreadCpu()
    {
    }

    /** @return CPU ns used so far by the calling thread (0 when the JVM cannot measure it). */
    public static long currentThread()
    {
        final long ns = THREADS.getCurrentThreadCpuTime();
        return Math.max(ns, 0);
    }

    /**
     * @param namePrefix e.g. {@code "analytics-"}.
     * @return CPU ns used so far by every live thread whose name starts with {@code namePrefix}, by thread id.
     */
    public static Map<Long, Long> byThread(final String namePrefix)
    {
        final Map<Long, Long> cpu = new HashMap<>();
        for (final ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0))
        {
            if (info != null && info.getThreadName().startsWith(namePrefix))
            {
                final long ns = THREADS.getThreadCpuTime(info.getThreadId());
                if (ns >= 0)
                {
                    cpu.put(info.getThreadId(), ns);
                }
            }
        }
        return cpu;
    }

    /**
     * @return CPU ns the threads of {@code after} used since {@code before}: the difference for a thread in both,
     *     all of it for a thread started in between. A thread that ended in between is missing from {@code after}
     *     and its CPU is not counted.
     */
    public static long usedBetween(final Map<Long, Long> before, final Map<Long, Long> after)
    {
        long total = 0;
        for (final Map.Entry<Long, Long> e : after.entrySet())
        {
            total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return total;
    }
}
