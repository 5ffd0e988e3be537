package dev.bridge.analytics.ingest.statsd;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The listener's counts: lines by {@link LineOutcome}, datagrams by {@link DatagramOutcome}, and values published.
 * One writer (the receiving thread) with ordered stores ({@code lazySet}: a plain store on x86, no fence); any
 * thread reads them (volatile reads). Allocation-free.
 */
public final class StatsdCounters
{
    private static final int LINES = LineOutcome.values().length;
    private static final int DATAGRAMS = DatagramOutcome.values().length;

    private final AtomicLongArray values = new AtomicLongArray(LINES + DATAGRAMS);

    /** Adds one line of {@code outcome} (receiving thread only). */
    void onLine(final LineOutcome outcome)
    {
        final int i = outcome.ordinal();
        values.lazySet(i, values.get(i) + 1);
    }

    /** Adds one datagram of {@code outcome} (receiving thread only). */
    void onDatagram(final DatagramOutcome outcome)
    {
        final int i = LINES + outcome.ordinal();
        values.lazySet(i, values.get(i) + 1);
    }

    /** Sets the kernel's drop count of the socket, a total sampled from {@code /proc/net/udp} (one writer). */
    void kernelDrops(final long total)
    {
        values.lazySet(LINES + DatagramOutcome.KERNEL_DROPPED.ordinal(), total);
    }

    /** @return lines of {@code outcome} so far. */
    public long lines(final LineOutcome outcome)
    {
        return values.get(outcome.ordinal());
    }

    /** @return every non-empty line so far (the sum over outcomes). */
    public long lines()
    {
        long total = 0;
        for (int i = 0; i < LINES; i++)
        {
            total += values.get(i);
        }
        return total;
    }

    /** @return datagrams of {@code outcome} so far. */
    public long datagrams(final DatagramOutcome outcome)
    {
        return values.get(LINES + outcome.ordinal());
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("lines{");
        for (final LineOutcome o : LineOutcome.values())
        {
            sb.append(o.label()).append('=').append(lines(o)).append(o.ordinal() < LINES - 1 ? ", " : "}");
        }
        sb.append(" datagrams{");
        for (final DatagramOutcome o : DatagramOutcome.values())
        {
            sb.append(o.label()).append('=').append(datagrams(o)).append(o.ordinal() < DATAGRAMS - 1 ? ", " : "}");
        }
        return sb.toString();
    }
}
