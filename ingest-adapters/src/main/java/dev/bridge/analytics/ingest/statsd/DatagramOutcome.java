package dev.bridge.analytics.ingest.statsd;

import java.util.Locale;

/**
 * What became of a datagram, recorded as {@code statsd_datagrams{outcome="..."}} when the catalog declares it.
 */
public enum DatagramOutcome
{
    /** Received and read line by line. */
    PROCESSED,
    /** Longer than {@code max_datagram_bytes}: skipped whole (its end was cut off by the receive buffer). */
    OVERSIZED,
    /**
     * Dropped by the kernel before the listener read it (socket buffer full): the {@code drops} column of
     * {@code /proc/net/udp} for the listener's socket, sampled (Linux only; 0 elsewhere).
     */
    KERNEL_DROPPED;

    /** @return the {@code outcome} label value: the name in lower case. */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
