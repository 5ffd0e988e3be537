package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.agent.DaemonAgents;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.StatsdListenerSettings;
import dev.bridge.analytics.logging.DistinctLog;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * The StatsD/DogStatsD server: one receiving thread ({@code statsd-listener}) reading a UDP socket
 * ({@link DatagramChannel}, non-blocking, with the receive buffer {@code receive_buffer_bytes} requested) into one
 * direct buffer and handing each datagram to a {@link StatsdIngest}. An Agrona {@link Agent}: {@link #doWork()}
 * reads the clock once, receives up to {@value #BATCH} datagrams, and every second samples the kernel's drop count
 * ({@link UdpSocketStats}) and records the counts into the engine ({@code statsd_lines}, {@code statsd_datagrams});
 * with nothing to read the thread waits in {@code epoll_wait} ({@link SelectorIdleStrategy}).
 * <p>
 * Errors of a cycle (socket errors) are counted by the runner and logged once each; datagram content never throws.
 * {@link #close()} stops the thread, records the last counts and closes the socket: close the listener before the
 * engine. Thread-safety: {@link #start} and {@link #close()} from any thread; the accessors from any thread;
 * {@link #doWork()} from the runner's thread only (or a test's, for a listener built without one).
 */
public final class StatsdListener implements Agent, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(StatsdListener.class);
    /** Datagrams received per duty cycle at most, so the counts are sampled under a steady flood too. */
    static final int BATCH = 256;
    private static final long SAMPLE_INTERVAL_MS = 1_000;
    private static final long IDLE_TIMEOUT_MS = 100;

    private final EpochClock clock;
    private final StatsdIngest ingest;
    private final StatsdSelfMetrics selfMetrics;
    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer receiveBuffer;
    private final UnsafeBuffer datagram;
    private final InetSocketAddress localAddress;
    private final int requestedReceiveBufferBytes;
    private final int receiveBufferBytes;
    private final DistinctLog errors = new DistinctLog(LoggerFactory.getLogger("dev.bridge.analytics.ingest"));
    private long lastSampleMs;
    private AgentRunner runner;
    private boolean closed;

    private StatsdListener(final AnalyticsEngine engine, final StatsdListenerSettings settings, final EpochClock clock)
        throws IOException
    {
        this.clock = clock;
        this.ingest = new StatsdIngest(engine, settings);
        this.selfMetrics = new StatsdSelfMetrics(engine);
        this.lastSampleMs = clock.time() - SAMPLE_INTERVAL_MS; // the first cycle samples
        // one byte more than the largest datagram taken: a longer one arrives cut to that length and counts as oversized
        receiveBuffer = ByteBuffer.allocateDirect(settings.maxDatagramBytes() + 1);
        datagram = new UnsafeBuffer(receiveBuffer);
        channel = DatagramChannel.open();
        Selector opened = null;
        try
        {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferBytes());
            channel.bind(new InetSocketAddress(settings.bind(), settings.port()));
            channel.configureBlocking(false);
            opened = Selector.open();
            channel.register(opened, SelectionKey.OP_READ);
            requestedReceiveBufferBytes = settings.receiveBufferBytes();
            receiveBufferBytes = channel.getOption(StandardSocketOptions.SO_RCVBUF);
            localAddress = (InetSocketAddress)channel.getLocalAddress();
        }
        catch (final IOException | RuntimeException ex)
        {
            if (opened != null)
            {
                opened.close();
            }
            channel.close();
            throw ex;
        }
        selector = opened;
    }

    /**
     * Binds the socket and starts the receiving thread, with the system clock.
     *
     * @throws IOException when the address cannot be bound.
     */
    public static StatsdListener start(final AnalyticsEngine engine, final StatsdListenerSettings settings)
        throws IOException
    {
        return start(engine, settings, SystemEpochClock.INSTANCE);
    }

    /**
     * Binds the socket and starts the receiving thread (a daemon, {@code statsd-listener}).
     *
     * @param clock read once per duty cycle: set windows and the one-second sampling.
     * @throws IOException when the address cannot be bound.
     */
    public static StatsdListener start(
        final AnalyticsEngine engine, final StatsdListenerSettings settings, final EpochClock clock) throws IOException
    {
        final StatsdListener listener = new StatsdListener(engine, settings, clock);
        listener.runner = DaemonAgents.start(listener,
            new SelectorIdleStrategy(listener.selector, IDLE_TIMEOUT_MS), listener::onError, listener.roleName());
        LOG.info("statsd listener on udp://{}:{}: receive buffer {} B effective ({} B requested; the kernel caps the " +
            "request at net.core.rmem_max and doubles it)", listener.localAddress.getHostString(),
            listener.localAddress.getPort(), listener.receiveBufferBytes, listener.requestedReceiveBufferBytes);
        return listener;
    }

    /**
     * Binds the socket without a thread: the caller drives {@link #doWork()} (tests, the load command's own loop).
     *
     * @throws IOException when the address cannot be bound.
     */
    public static StatsdListener open(
        final AnalyticsEngine engine, final StatsdListenerSettings settings, final EpochClock clock) throws IOException
    {
        return new StatsdListener(engine, settings, clock);
    }

    @Override
    public String roleName()
    {
        return "statsd-listener";
    }

    /**
     * One duty cycle: receives the datagrams waiting (up to {@value #BATCH}) and reads each.
     *
     * @return the number of datagrams received.
     * @throws IOException from the socket (the runner counts and logs it).
     */
    @Override
    public int doWork() throws IOException
    {
        final long nowMs = clock.time();
        int received = 0;
        while (received < BATCH)
        {
            receiveBuffer.clear();
            if (channel.receive(receiveBuffer) == null)
            {
                break;
            }
            received++;
            ingest.onDatagram(datagram, 0, receiveBuffer.position(), nowMs);
        }
        if (nowMs - lastSampleMs >= SAMPLE_INTERVAL_MS)
        {
            lastSampleMs = nowMs;
            sample();
        }
        return received;
    }

    /** Records the last counts, then closes the socket (on the agent's thread when there is one). */
    @Override
    public void onClose()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            sample();
        }
        finally
        {
            try
            {
                selector.close();
                channel.close();
            }
            catch (final IOException ex)
            {
                onError(ex);
            }
        }
    }

    /** Stops the receiving thread, records the last counts and closes the socket. Idempotent. */
    @Override
    public void close()
    {
        if (runner != null)
        {
            selector.wakeup();
            runner.close();
        }
        else
        {
            onClose();
        }
    }

    /** @return the bound address (the actual port when 0 was asked for). */
    public InetSocketAddress localAddress()
    {
        return localAddress;
    }

    /** @return the socket's receive buffer as the kernel set it (usually twice the request, capped). */
    public int receiveBufferBytes()
    {
        return receiveBufferBytes;
    }

    /** @return the receive buffer size that was requested. */
    public int requestedReceiveBufferBytes()
    {
        return requestedReceiveBufferBytes;
    }

    /** @return the counts (lines by outcome, datagrams by outcome); readable from any thread. */
    public StatsdCounters counters()
    {
        return ingest.counters();
    }

    /** @return the kernel's drop count for this socket now ({@code /proc/net/udp}), -1 when unknown. */
    public long kernelDrops()
    {
        return UdpSocketStats.drops(localAddress.getPort());
    }

    private void sample()
    {
        final long drops = kernelDrops();
        if (drops >= 0)
        {
            ingest.counters().kernelDrops(drops);
        }
        selfMetrics.publish(ingest.counters());
    }

    private void onError(final Throwable error)
    {
        errors.warnOnce("statsd listener: " + error);
    }
}
