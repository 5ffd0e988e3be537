package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.StatsdListenerSettings;
import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.ingest.TestEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UDP listener: its socket, its thread, its counts recorded as metrics, oversized datagrams, bind errors. */
class StatsdListenerTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldReceiveDatagramsAndRecordItsCountsAsMetricsWhenClosed() throws IOException
    {
        final ManualClock clock = new ManualClock(TestEngines.START_MS);
        try (AnalyticsEngine engine = TestEngines.start(dir, clock, StatsdFixture.EXTRA_METRICS);
             DatagramSocket sender = new DatagramSocket())
        {
            final StatsdListener listener = StatsdListener.start(engine, StatsdFixture.settings(), clock);
            final InetSocketAddress to = listener.localAddress();
            assertEquals("127.0.0.1", to.getHostString());
            assertTrue(to.getPort() > 0);
            assertTrue(listener.receiveBufferBytes() >= 4096, "effective SO_RCVBUF " + listener.receiveBufferBytes());
            assertEquals(8 << 20, listener.requestedReceiveBufferBytes());
            for (int i = 0; i < 100; i++)
            {
                // as hot-shots sends: one metric per datagram, no trailing newline
                send(sender, to, "variable_read:1|c");
                send(sender, to, "variable_read:2|c\nbad line\n_e{1,1}:a|b\n");
            }
            send(sender, to, "x".repeat(StatsdListenerSettings.DEFAULT.maxDatagramBytes() + 100));
            final StatsdCounters counters = listener.counters();
            Await.until(WAIT, () -> counters.datagrams(DatagramOutcome.PROCESSED) == 200 &&
                counters.datagrams(DatagramOutcome.OVERSIZED) == 1, counters::toString);
            listener.close();
            listener.close();
            engine.flush();
            assertEquals(300, engine.queries().stats("variable_read", TimeRange.ALL).sum());
            assertEquals(200, lines(engine, "accepted"));
            assertEquals(100, lines(engine, "malformed"));
            assertEquals(100, lines(engine, "event"));
            assertEquals(200, engine.queries().stats("statsd_datagrams", Map.of("outcome", "processed"), TimeRange.ALL).sum());
            assertEquals(1, engine.queries().stats("statsd_datagrams", Map.of("outcome", "oversized"), TimeRange.ALL).sum());
            assertEquals(0, engine.queries().stats("statsd_datagrams", Map.of("outcome", "kernel_dropped"), TimeRange.ALL).sum());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRecordCountsEverySecondByItsClock() throws IOException
    {
        final ManualClock clock = new ManualClock(TestEngines.START_MS);
        try (AnalyticsEngine engine = TestEngines.start(dir, clock, StatsdFixture.EXTRA_METRICS);
             StatsdListener listener = StatsdListener.open(engine, StatsdFixture.settings(), clock);
             DatagramSocket sender = new DatagramSocket())
        {
            assertEquals(0, listener.doWork()); // the first cycle records the (zero) counts
            send(sender, listener.localAddress(), "variable_read:1|c");
            Await.until(WAIT, () -> receive(listener) == 1, listener.counters()::toString);
            engine.flush();
            assertEquals(0, lines(engine, "accepted"), "recorded at most once a second");
            clock.advance(1_000);
            assertEquals(0, listener.doWork());
            engine.flush();
            assertEquals(1, lines(engine, "accepted"));
        }
    }

    @Test
    void shouldFailToStartOnAnAddressInUse() throws IOException
    {
        final ManualClock clock = new ManualClock(TestEngines.START_MS);
        try (AnalyticsEngine engine = TestEngines.start(dir, clock, List.of());
             DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1")))
        {
            assertThrows(BindException.class,
                () -> StatsdListener.start(engine, StatsdListenerSettings.DEFAULT.withPort(taken.getLocalPort())));
        }
    }

    @Test
    void shouldLeaveCountsOutOfTheEngineWhenTheCatalogLacksTheirMetrics() throws IOException
    {
        final ManualClock clock = new ManualClock(TestEngines.START_MS);
        try (AnalyticsEngine engine = TestEngines.start(dir, clock, List.of());
             StatsdListener listener = StatsdListener.open(engine, StatsdFixture.settings(), clock);
             DatagramSocket sender = new DatagramSocket())
        {
            send(sender, listener.localAddress(), "variable_read:4|c");
            Await.until(WAIT, () -> receive(listener) == 1, listener.counters()::toString);
            listener.close();
            engine.flush();
            assertEquals(4, engine.queries().stats("variable_read", TimeRange.ALL).sum());
            assertEquals(1, listener.counters().lines(LineOutcome.ACCEPTED));
        }
    }

    @Test
    void shouldReadTheKernelsDropCountOfAPort()
    {
        final List<String> rows = List.of(
            "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
            "  1: 0100007F:1FBD 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4242 2 0000000000000000 17",
            "  2: 00000000:1FBD 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4243 2 0000000000000000 3",
            "  3: 0100007F:1FBE 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4244 2 0000000000000000 99");
        assertEquals(20, UdpSocketStats.drops(rows, ":1FBD"));
        assertEquals(0, UdpSocketStats.drops(rows, ":0050"));
    }

    /** Drives the listener's cycle (without advancing its clock) and returns the datagrams processed so far. */
    private static long receive(final StatsdListener listener)
    {
        try
        {
            listener.doWork();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        return listener.counters().datagrams(DatagramOutcome.PROCESSED);
    }

    private static long lines(final AnalyticsEngine engine, final String outcome)
    {
        return engine.queries().stats("statsd_lines", Map.of("outcome", outcome), TimeRange.ALL).sum();
    }

    private static void send(final DatagramSocket socket, final InetSocketAddress to, final String text) throws IOException
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }
}
