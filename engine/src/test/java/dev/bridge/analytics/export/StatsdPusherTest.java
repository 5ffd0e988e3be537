package dev.bridge.analytics.export;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.pipeline.EngineCounters;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.StatsdFlavour;
import dev.bridge.analytics.config.StatsdPushSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The StatsD push against a UDP socket on 127.0.0.1: driven by {@link StatsdPusher#doWork()} and an injected clock
 * (each receive waits at most {@value #RECEIVE_TIMEOUT_MS} ms for a datagram the push has already sent).
 */
class StatsdPusherTest
{
    private static final long T = 1_700_002_800_000L;
    private static final int MAX_PACKET = 100;
    private static final int RECEIVE_TIMEOUT_MS = 5_000;
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private DatagramSocket server;
    private ManualClock clock;
    private AnalyticsEngine engine;

    @BeforeEach
    void start() throws IOException
    {
        server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        server.setSoTimeout(RECEIVE_TIMEOUT_MS);
        clock = new ManualClock(T);
    }

    @AfterEach
    void stop()
    {
        if (engine != null)
        {
            engine.close();
        }
        server.close();
    }

    @Test
    void shouldPushWhatEachIntervalAddedInPacketsOfAtMostTheMaximumSize() throws IOException
    {
        engine = AnalyticsEngine.start(config(false, "127.0.0.1", StatsdFlavour.ETSY), clock);
        engine.counter("variable_read").add(1000); // history before the pusher: not pushed
        engine.flush();
        final StatsdPusher pusher = pusher(engine, "127.0.0.1", StatsdFlavour.ETSY);
        assertEquals(1, pusher.doWork()); // baseline

        clock.set(T + 1_000);
        engine.counter("variable_read").add(10);
        engine.counter("operation_error", "operation", "read").add(2);
        for (int v = 1; v <= 10; v++)
        {
            engine.histogram("read_latency_us").record(v);
        }
        engine.gauge("optimization_improvement").set(-7);
        engine.flush();
        clock.set(T + INTERVAL.toMillis());
        assertEquals(1, pusher.doWork());

        assertEquals(List.of(
            "dspex_variable_read:10|c",
            "dspex_operation_error.operation.read:2|c",
            "dspex_read_latency_us.count:10|c", "dspex_read_latency_us.sum:55|c",
            "dspex_read_latency_us.min:1|g", "dspex_read_latency_us.max:10|g",
            "dspex_read_latency_us.p50:5|g", "dspex_read_latency_us.p90:9|g", "dspex_read_latency_us.p95:10|g",
            "dspex_read_latency_us.p99:10|g", "dspex_read_latency_us.p99_9:10|g",
            "dspex_optimization_improvement:0|g", "dspex_optimization_improvement:-7|g"), receive(pusher));

        clock.set(T + 12_000);
        engine.counter("variable_read").add(5);
        engine.histogram("read_latency_us").record(100);
        engine.flush();
        clock.set(T + 15_000);
        assertEquals(0, pusher.doWork()); // before the next deadline
        clock.set(T + 2 * INTERVAL.toMillis());
        assertEquals(1, pusher.doWork());

        assertEquals(List.of(
            "dspex_variable_read:5|c",
            "dspex_read_latency_us.count:1|c", "dspex_read_latency_us.sum:100|c",
            "dspex_read_latency_us.min:100|g", "dspex_read_latency_us.max:100|g",
            "dspex_read_latency_us.p50:100|g", "dspex_read_latency_us.p90:100|g", "dspex_read_latency_us.p95:100|g",
            "dspex_read_latency_us.p99:100|g", "dspex_read_latency_us.p99_9:100|g",
            "dspex_optimization_improvement:0|g", "dspex_optimization_improvement:-7|g"), receive(pusher));
        assertEquals(2, pusher.pushes());
        assertEquals(0, pusher.sendFailures());
        assertEquals(0, pusher.errors());
        pusher.close();
    }

    @Test
    void shouldPushPercentilesAboveHighestAsHighestAndTheExactMaxWhileItIsTheIntervals() throws IOException
    {
        engine = AnalyticsEngine.start(config(false, "127.0.0.1", StatsdFlavour.ETSY), clock);
        final StatsdPusher pusher = pusher(engine, "127.0.0.1", StatsdFlavour.ETSY);
        assertEquals(1, pusher.doWork()); // baseline

        clock.set(T + 1_000);
        for (int i = 0; i < 98; i++)
        {
            engine.histogram("read_latency_us").record(100);
        }
        engine.histogram("read_latency_us").record(90_000_000L); // read_latency_us' highest: 60 000 000
        engine.histogram("read_latency_us").record(80_000_000L);
        engine.flush();
        clock.set(T + INTERVAL.toMillis());
        assertEquals(1, pusher.doWork());
        assertEquals(List.of(
            "dspex_read_latency_us.count:100|c", "dspex_read_latency_us.sum:170009800|c",
            "dspex_read_latency_us.min:100|g", "dspex_read_latency_us.max:90000000|g",
            "dspex_read_latency_us.p50:100|g", "dspex_read_latency_us.p90:100|g", "dspex_read_latency_us.p95:100|g",
            "dspex_read_latency_us.p99:60000000|g", "dspex_read_latency_us.p99_9:60000000|g"), receive(pusher));

        clock.set(T + 12_000);
        engine.histogram("read_latency_us").record(70_000_000L); // not the largest above highest: max unknown
        engine.flush();
        clock.set(T + 2 * INTERVAL.toMillis());
        assertEquals(1, pusher.doWork());
        assertEquals(List.of(
            "dspex_read_latency_us.count:1|c", "dspex_read_latency_us.sum:70000000|c",
            // min: the lowest value of highest's HdrHistogram bucket (3 digits), as the pusher reads every min
            "dspex_read_latency_us.min:59998208|g", "dspex_read_latency_us.max:60000000|g",
            "dspex_read_latency_us.p50:60000000|g", "dspex_read_latency_us.p90:60000000|g",
            "dspex_read_latency_us.p95:60000000|g", "dspex_read_latency_us.p99:60000000|g",
            "dspex_read_latency_us.p99_9:60000000|g"), receive(pusher));
        pusher.close();
    }

    @Test
    @Timeout(60)
    void shouldPushEveryIncrementWhileRetentionRemovesBuckets() throws IOException
    {
        engine = AnalyticsEngine.start(config(false, "127.0.0.1", StatsdFlavour.ETSY).withEngine(b -> b
            .rawRetention(Duration.ofSeconds(10)).aggregationInterval(Duration.ofSeconds(60))
            .retentionPeriod(Duration.ofSeconds(120)).longTermInterval(Duration.ofSeconds(120))
            .longTermRetention(Duration.ofSeconds(240))), clock);
        final StatsdPusher pusher = pusher(engine, "127.0.0.1", StatsdFlavour.ETSY);
        assertEquals(1, pusher.doWork()); // baseline
        for (int push = 1; push <= 60; push++) // 600 s: buckets expire from 240 s on
        {
            clock.set(T + push * INTERVAL.toMillis() - 5_000);
            engine.counter("variable_read").add(3);
            engine.flush();
            clock.set(T + push * INTERVAL.toMillis());
            assertEquals(1, pusher.doWork());
            assertEquals(List.of("dspex_variable_read:3|c"),
                receive(pusher).stream().filter(line -> line.startsWith("dspex_variable_read:")).toList(),
                "push " + push);
        }
        pusher.close();
    }

    @Test
    void shouldTagLabelsWithDogStatsd() throws IOException
    {
        engine = AnalyticsEngine.start(config(false, "127.0.0.1", StatsdFlavour.DOGSTATSD), clock);
        final StatsdPusher pusher = pusher(engine, "127.0.0.1", StatsdFlavour.DOGSTATSD);
        pusher.doWork();
        engine.counter("grpc_error", "code", "UNAVAILABLE").add(3);
        engine.flush();
        clock.set(T + INTERVAL.toMillis());
        pusher.doWork();

        assertEquals(List.of("dspex_grpc_error:3|c|#code:UNAVAILABLE"), receive(pusher));
        pusher.close();
    }

    @Test
    void shouldCountSendFailuresWithoutThrowing()
    {
        engine = AnalyticsEngine.start(config(false, "127.0.0.1", StatsdFlavour.ETSY), clock);
        final StatsdPusher pusher = pusher(engine, "no-such-host.invalid", StatsdFlavour.ETSY);
        pusher.doWork();
        engine.counter("variable_read").add(1);
        engine.flush();
        clock.set(T + INTERVAL.toMillis());

        assertEquals(1, pusher.doWork());

        assertEquals(1, pusher.sendFailures());
        assertEquals(0, pusher.packetsSent());
        assertEquals(0, pusher.errors());
        pusher.close();
    }

    @Test
    void shouldCountAReadErrorAndCarryOn()
    {
        engine = AnalyticsEngine.start(config(false, "127.0.0.1", StatsdFlavour.ETSY), clock);
        final StatsdPusher pusher = pusher(engine, "127.0.0.1", StatsdFlavour.ETSY);
        pusher.doWork();
        engine.close(); // queries now throw IllegalStateException
        clock.set(T + INTERVAL.toMillis());

        assertEquals(1, pusher.doWork());

        assertEquals(1, pusher.errors());
        pusher.close();
    }

    @Test
    @Timeout(60)
    void shouldPushFromItsOwnThreadWhenEnabledAndStopOnClose() throws IOException
    {
        engine = AnalyticsEngine.start(config(true, "127.0.0.1", StatsdFlavour.ETSY), clock);
        final AnalyticsEngine started = engine;
        final LongSupplier pushes = () -> started.statsdPushCounts().orElseThrow().pushes();
        while (pushes.getAsLong() == 0) // the first cycle takes the baseline, the next push proves it was taken
        {
            clock.advance(INTERVAL.toMillis());
            waitFor(() -> pushes.getAsLong() > 0, 200);
        }
        engine.counter("variable_read").add(7);
        engine.flush();
        clock.advance(INTERVAL.toMillis());

        final List<String> seen = new ArrayList<>();
        while (!seen.contains("dspex_variable_read:7|c"))
        {
            seen.addAll(lines(receivePacket()));
        }
        engine.close();
        engine = null;

        final StatsdPushCounts counts = started.statsdPushCounts().orElseThrow(); // readable after close
        assertTrue(counts.pushes() >= 2, "pushes " + counts.pushes());
        assertEquals(0, counts.sendFailures());
        assertEquals(counts.packetsSent(), started.selfMetric(SelfMetric.STATSD_PUSH_PACKETS));
    }

    private EngineConfig config(final boolean enabled, final String host, final StatsdFlavour flavour)
    {
        final ExportSettings defaults = EngineConfig.defaults().export();
        return ExportWorkload.config(dir, new ExportSettings(defaults.prefix(), defaults.summaryQuantiles(),
            defaults.histogramBuckets(),
            new StatsdPushSettings(enabled, host, server.getLocalPort(), INTERVAL, flavour, MAX_PACKET)));
    }

    private StatsdPusher pusher(final AnalyticsEngine engine, final String host, final StatsdFlavour flavour)
    {
        return new StatsdPusher(engine.queries(),
            new StatsdPushSettings(true, host, server.getLocalPort(), INTERVAL, flavour, MAX_PACKET),
            engine.config().export().prefix(), clock, new EngineCounters());
    }

    /** @return the lines of the datagrams the last push sent (their number is known), checking each one's size. */
    private List<String> receive(final StatsdPusher pusher) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        final long packets = pusher.packetsSent() - receivedPackets;
        for (long i = 0; i < packets; i++)
        {
            lines.addAll(lines(receivePacket()));
        }
        receivedPackets = pusher.packetsSent();
        return lines;
    }

    private long receivedPackets;

    private byte[] receivePacket() throws IOException
    {
        final DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        try
        {
            server.receive(packet);
        }
        catch (final SocketTimeoutException ex)
        {
            fail("no datagram within " + RECEIVE_TIMEOUT_MS + " ms");
        }
        assertTrue(packet.getLength() <= MAX_PACKET, "a datagram of " + packet.getLength() + " bytes");
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    private static List<String> lines(final byte[] packet)
    {
        final String text = new String(packet, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), text);
        return List.of(text.substring(0, text.length() - 1).split("\n"));
    }

    private static void waitFor(final BooleanSupplier condition, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(1_000_000L);
        }
    }
}
