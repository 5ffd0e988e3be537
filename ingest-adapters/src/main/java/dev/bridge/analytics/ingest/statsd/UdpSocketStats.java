package dev.bridge.analytics.ingest.statsd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's count of datagrams dropped at a UDP socket (receive buffer full): the {@code drops} column of
 * {@code /proc/net/udp} and {@code /proc/net/udp6} for the sockets bound to a local port. Linux only; elsewhere (no
 * such file) the count is -1. Reads files and allocates: call it every second or so, never per datagram.
 * Stateless, thread-safe.
 */
public final class UdpSocketStats
{
    private static final Path[] TABLES = { Path.of("/proc/net/udp"), Path.of("/proc/net/udp6") };

    private UdpSocketStats()
    {
    }

    /** @return the drops summed over the sockets bound to {@code localPort}, or -1 when the tables cannot be read. */
    public static long drops(final int localPort)
    {
        final String port = String.format(Locale.ROOT, ":%04X", localPort);
        long drops = 0;
        boolean readable = false;
        for (final Path table : TABLES)
        {
            final List<String> rows;
            try
            {
                rows = Files.readAllLines(table);
            }
            catch (final IOException | RuntimeException ex)
            {
                continue;
            }
            readable = true;
            drops += drops(rows, port);
        }
        return readable ? drops : -1;
    }

    /** @return the drops of the rows (header first, as in the file) whose local address ends in {@code port}. */
    static long drops(final List<String> rows, final String port)
    {
        long drops = 0;
        for (int i = 1; i < rows.size(); i++)
        {
            final String[] columns = rows.get(i).trim().split("\\s+");
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ref pointer drops
            if (columns.length >= 13 && columns[1].endsWith(port))
            {
                try
                {
                    drops += Long.parseLong(columns[12]);
                }
                catch (final NumberFormatException ignore)
                {
                    // a row of another layout: not ours
                }
            }
        }
        return drops;
    }
}
