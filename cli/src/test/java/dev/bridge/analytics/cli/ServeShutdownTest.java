package dev.bridge.analytics.cli;

import dev.bridge.analytics.AnalyticsReader;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.ingest.statsd.StatsdCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code analytics serve} in a child JVM takes StatsD counter lines over 127.0.0.1 and gets SIGTERM while datagrams
 * still arrive: it stops the listener, drains and commits, and exits with the JVM's SIGTERM status (143) without an
 * internal error; the reopened store holds exactly as many increments as the listener accepted.
 */
class ServeShutdownTest
{
    private static final Pattern UDP = Pattern.compile("StatsD/DogStatsD on udp://127\\.0\\.0\\.1:(\\d+) ");
    /** Lines per datagram: each is one increment of variable_read. */
    private static final int LINES_PER_DATAGRAM = 20;
    /** Datagrams sent before the signal, then at most as many again while the server stops. */
    private static final int DATAGRAMS_BEFORE_SIGNAL = 2_000;
    private static final int SIGTERM_EXIT = 143;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldCommitEveryAcceptedLineWhenSigtermArrivesDuringStatsdTraffic() throws Exception
    {
        final Path config = smallConfig();
        final Path store = dir.resolve("store");
        final Path stderr = dir.resolve("serve.err");
        final List<String> command = ChildJvm.analytics("serve", "--config", config.toString(), "--store",
            store.toString(), "--port", "0", "--statsd-port", "0");
        final Process serve = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try
        {
            final int port = udpPort(serve.getInputStream());
            final AtomicLong sent = new AtomicLong();
            final AtomicBoolean stop = new AtomicBoolean();
            final Thread sender = new Thread(() -> send(port, sent, stop), "statsd-sender");
            sender.start();
            while (sent.get() < DATAGRAMS_BEFORE_SIGNAL && sender.isAlive())
            {
                Thread.onSpinWait();
            }
            serve.destroy(); // SIGTERM on Linux, while the sender goes on
            final boolean ended = serve.waitFor(60, TimeUnit.SECONDS);
            stop.set(true);
            sender.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(ended, "serve did not stop within 60 s of SIGTERM");
            final String err = Files.readString(stderr);
            assertEquals(SIGTERM_EXIT, serve.exitValue(), err);
            assertFalse(err.contains("internal error"), err);
            assertFalse(err.contains("Exception"), err);
            assertTrue(err.contains("analytics serve: stopped; the server and the engine are closed"), err);
        }
        finally
        {
            serve.destroyForcibly();
        }

        final EngineConfig reading = EngineConfig.load(config).withDataDirectory(store)
            .withMetricsAdded(StatsdCatalog.selfMetrics());
        try (AnalyticsReader reader = AnalyticsReader.open(reading, store))
        {
            final Stats accepted = reader.queries().stats("statsd_lines", Map.of("outcome", "accepted"), TimeRange.ALL);
            final Stats reads = reader.queries().stats("variable_read", TimeRange.ALL);
            // traffic reached the listener before the signal (how much of it depends on the kernel's UDP buffer and
            // the listener's start-up: 5,480 of 40,000 lines were read on a loaded machine); what matters is below
            assertTrue(accepted.sum() >= LINES_PER_DATAGRAM, "the listener accepted only " + accepted.sum() + " lines");
            assertEquals(accepted.sum(), reads.sum(), "increments stored against lines the listener accepted");
        }
    }

    private static int udpPort(final InputStream out) throws IOException
    {
        final BufferedReader lines = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine())
        {
            final Matcher m = UDP.matcher(line);
            if (m.find())
            {
                return Integer.parseInt(m.group(1));
            }
        }
        return fail("serve ended before it printed its StatsD port");
    }

    /** Sends datagrams until told to stop, at most twice {@link #DATAGRAMS_BEFORE_SIGNAL}, paced by a yield. */
    private static void send(final int port, final AtomicLong sent, final AtomicBoolean stop)
    {
        final byte[] datagram = "dspex.variable.read:1|c\n".repeat(LINES_PER_DATAGRAM).getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket())
        {
            final DatagramPacket packet =
                new DatagramPacket(datagram, datagram.length, new InetSocketAddress("127.0.0.1", port));
            while (!stop.get() && sent.get() < 2L * DATAGRAMS_BEFORE_SIGNAL)
            {
                socket.send(packet);
                sent.incrementAndGet();
                Thread.yield();
            }
        }
        catch (final IOException ex)
        {
            // the server is gone: what it accepted is what counts
        }
    }

    /** The bundled configuration with a smaller store. */
    private Path smallConfig() throws IOException
    {
        final Path file = dir.resolve("analytics.yaml");
        try (InputStream in = EngineConfig.class.getResourceAsStream(EngineConfig.DEFAULT_RESOURCE))
        {
            final String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(file, yaml.replace("store_entries: 600000", "store_entries: 100000"));
        }
        return file;
    }
}
