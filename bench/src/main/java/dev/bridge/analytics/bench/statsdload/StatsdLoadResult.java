package dev.bridge.analytics.bench.statsdload;

import java.util.Locale;

/**
 * The figures of one {@code statsd-load} run. Immutable, thread-safe.
 *
 * @param senders              sending threads.
 * @param linesPerDatagram     lines in each datagram.
 * @param datagramBytes        bytes of each datagram.
 * @param rateLimit            lines/s asked for (0: as fast as possible).
 * @param receiveBufferBytes   the listener socket's effective SO_RCVBUF.
 * @param sendSeconds          from the first send to the last.
 * @param drainSeconds         from the first send until the listener had read everything that reached it.
 * @param datagramsSent        datagrams the senders sent.
 * @param datagramsReceived    datagrams the listener read (processed and oversized).
 * @param kernelDrops          datagrams the kernel dropped at the listener's socket ({@code /proc/net/udp}; -1 unknown).
 * @param linesSent            lines sent.
 * @param linesParsed          lines the listener read (every outcome).
 * @param linesAccepted        lines published into the engine.
 * @param appLost              lines neither read nor dropped by the kernel (sent - parsed - kernel-dropped lines).
 * @param engineVerified       the engine's totals equal what the datagrams read carry (null when not checked).
 * @param engineDetail         what was compared, or why it was not.
 */
record StatsdLoadResult(
    int senders, int linesPerDatagram, int datagramBytes, long rateLimit, int receiveBufferBytes,
    double sendSeconds, double drainSeconds, long datagramsSent, long datagramsReceived, long kernelDrops,
    long linesSent, long linesParsed, long linesAccepted, long appLost, Boolean engineVerified, String engineDetail)
{
    double sentPerSecond()
    {
        return sendSeconds > 0 ? linesSent / sendSeconds : 0;
    }

    double parsedPerSecond()
    {
        return drainSeconds > 0 ? linesParsed / drainSeconds : 0;
    }

    double acceptedPerSecond()
    {
        return drainSeconds > 0 ? linesAccepted / drainSeconds : 0;
    }

    long kernelDroppedLines()
    {
        return Math.max(0, kernelDrops) * linesPerDatagram;
    }

    /** @return the result as one line of JSON. */
    String toJson()
    {
        return String.format(Locale.ROOT, "{\"senders\":%d,\"lines_per_datagram\":%d,\"datagram_bytes\":%d," +
                "\"rate_limit_lines_per_s\":%d,\"receive_buffer_bytes\":%d,\"send_s\":%.3f,\"drain_s\":%.3f," +
                "\"datagrams_sent\":%d,\"datagrams_received\":%d,\"kernel_dropped_datagrams\":%d,\"lines_sent\":%d," +
                "\"lines_parsed\":%d,\"lines_accepted\":%d,\"kernel_dropped_lines\":%d,\"app_lost_lines\":%d," +
                "\"sent_lines_per_s\":%.0f,\"parsed_lines_per_s\":%.0f,\"accepted_lines_per_s\":%.0f,\"engine_verified\":%s}",
            senders, linesPerDatagram, datagramBytes, rateLimit, receiveBufferBytes, sendSeconds, drainSeconds,
            datagramsSent, datagramsReceived, kernelDrops, linesSent, linesParsed, linesAccepted, kernelDroppedLines(),
            appLost, sentPerSecond(), parsedPerSecond(), acceptedPerSecond(),
            engineVerified == null ? "null" : engineVerified.toString());
    }
}
