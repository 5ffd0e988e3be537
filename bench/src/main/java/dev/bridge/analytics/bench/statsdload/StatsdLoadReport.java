package dev.bridge.analytics.bench.statsdload;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a {@link StatsdLoadResult} as a table and a verdict line. Stateless apart from the result; thread-safe. */
final class StatsdLoadReport
{
    private final StatsdLoadResult r;

    StatsdLoadReport(final StatsdLoadResult result)
    {
        this.r = result;
    }

    void print(final PrintWriter out)
    {
        out.printf(Locale.ROOT, "statsd-load: %d sender(s), %d lines (%d bytes) per datagram, rate %s, receive buffer " +
                "%d B%n", r.senders(), r.linesPerDatagram(), r.datagramBytes(),
            r.rateLimit() == 0 ? "unlimited" : r.rateLimit() + " lines/s", r.receiveBufferBytes());
        out.printf(Locale.ROOT, "  %-22s %,14d lines %,14.0f lines/s  (%,d datagrams in %.2f s)%n", "sent",
            r.linesSent(), r.sentPerSecond(), r.datagramsSent(), r.sendSeconds());
        out.printf(Locale.ROOT, "  %-22s %,14d lines %,14.0f lines/s  (%,d datagrams read in %.2f s)%n", "parsed",
            r.linesParsed(), r.parsedPerSecond(), r.datagramsReceived(), r.drainSeconds());
        out.printf(Locale.ROOT, "  %-22s %,14d lines %,14.0f lines/s%n", "accepted", r.linesAccepted(),
            r.acceptedPerSecond());
        out.printf(Locale.ROOT, "  %-22s %,14d lines  (%s datagrams, /proc/net/udp)%n", "dropped by the kernel",
            r.kernelDroppedLines(), r.kernelDrops() < 0 ? "unknown" : String.format(Locale.ROOT, "%,d", r.kernelDrops()));
        out.printf(Locale.ROOT, "  %-22s %,14d lines%n", "lost at app level", r.appLost());
        out.printf(Locale.ROOT, "  %-22s %s%n", "engine", r.engineDetail());
        final boolean ok = r.appLost() == 0 && !Boolean.FALSE.equals(r.engineVerified());
        out.printf(Locale.ROOT, "%s: %,d of %,d lines parsed at %,.0f lines/s, %,d dropped by the kernel, %,d lost at " +
                "app level%s%n", ok ? "NO APP LOSS" : "LOSS", r.linesParsed(), r.linesSent(), r.parsedPerSecond(),
            r.kernelDroppedLines(), r.appLost(), Boolean.FALSE.equals(r.engineVerified()) ? "; ENGINE TOTALS DIFFER" : "");
    }
}
