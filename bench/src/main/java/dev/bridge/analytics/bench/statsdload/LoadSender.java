package dev.bridge.analytics.bench.statsdload;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * One sending thread of {@code statsd-load}: sends the same datagram over a connected UDP socket until its datagram
 * quota is sent, the deadline passes or {@link #stop()} is called; with a rate, paces itself (datagram k is not sent
 * before start + k / rate). Counts what it sent; a send error ends it and is kept for the report.
 * <p>
 * Thread-safety: {@link #run()} on its own thread; {@link #datagramsSent()}, {@link #error()} and {@link #stop()}
 * from any thread.
 */
final class LoadSender implements Runnable
{
    private final InetSocketAddress target;
    private final ByteBuffer datagram;
    private final long maxDatagrams;
    private final long deadlineNs;
    private final double datagramsPerSecond;
    private volatile boolean stopped;
    private volatile long sent;
    private volatile IOException error;

    /**
     * @param datagramsPerSecond pace, or 0 for as fast as the socket takes them.
     */
    LoadSender(final InetSocketAddress target, final ByteBuffer datagram, final long maxDatagrams,
        final long deadlineNs, final double datagramsPerSecond)
    {
        this.target = target;
        this.datagram = datagram;
        this.maxDatagrams = maxDatagrams;
        this.deadlineNs = deadlineNs;
        this.datagramsPerSecond = datagramsPerSecond;
    }

    @Override
    public void run()
    {
        try (DatagramChannel channel = DatagramChannel.open())
        {
            channel.connect(target);
            final long startNs = System.nanoTime();
            long count = 0;
            while (!stopped && count < maxDatagrams)
            {
                final long nowNs = System.nanoTime();
                if (nowNs - deadlineNs >= 0)
                {
                    break;
                }
                if (datagramsPerSecond > 0)
                {
                    final long dueNs = startNs + (long)(count * 1e9 / datagramsPerSecond);
                    if (dueNs - nowNs > 0)
                    {
                        LockSupport.parkNanos(Math.min(dueNs - nowNs, 1_000_000));
                        continue;
                    }
                }
                datagram.rewind();
                channel.write(datagram);
                count++;
                if ((count & 63) == 0)
                {
                    sent = count;
                }
            }
            sent = count;
        }
        catch (final IOException ex)
        {
            error = ex;
        }
    }

    void stop()
    {
        stopped = true;
    }

    long datagramsSent()
    {
        return sent;
    }

    IOException error()
    {
        return error;
    }
}
