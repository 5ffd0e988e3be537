package dev.bridge.analytics.cli;

import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analytics serve} with its StatsD listener: StatsD lines in, Prometheus text out, in-process. */
class ServeStatsdTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern HTTP = Pattern.compile("analytics serve: (http://\\S+/) ");
    private static final Pattern UDP = Pattern.compile("StatsD/DogStatsD on udp://127\\.0\\.0\\.1:(\\d+) \\(receive " +
        "buffer (\\d+) B effective, 8388608 B requested\\)");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldRecordStatsdLinesSentToServeAndExportThem() throws Exception
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread serve = new Thread(() ->
        {
            final CommandLine cl = AnalyticsCli.newCommandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            exit.set(cl.execute("serve", "--config", smallConfig().toString(), "--store", dir.resolve("store").toString(),
                "--port", "0", "--statsd-port", "0"));
        }, "serve-under-test");
        serve.start();
        final Matcher udp = await(() -> UDP.matcher(out.toString()), serve, out, err);
        final Matcher http = await(() -> HTTP.matcher(out.toString()), serve, out, err);
        final int port = Integer.parseInt(udp.group(1));
        assertTrue(Integer.parseInt(udp.group(2)) >= 4096, out.toString());

        try (DatagramSocket socket = new DatagramSocket())
        {
            final byte[] lines = "dspex.variable.read:5|c\ndspex.read.latency:1.5|ms\nnot a line\n".getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(lines, lines.length, new InetSocketAddress("127.0.0.1", port)));
        }
        final String url = http.group(1) + "metrics";
        await(() ->
        {
            final String metrics = get(url);
            final Matcher m = Pattern.compile("(?m)^dspex_variable_read_total 5\\.0$").matcher(metrics);
            return metrics.contains("dspex_read_latency_seconds_count 1") ? m : Pattern.compile("x").matcher("");
        }, serve, out, err);
        await(() -> Pattern.compile("(?m)^dspex_statsd_lines_total\\{outcome=\"malformed\"} 1\\.0$").matcher(get(url)),
            serve, out, err);

        serve.interrupt();
        serve.join(DEADLINE.toMillis());
        assertFalse(serve.isAlive());
        assertEquals(ExitCodes.OK, exit.get(), err.toString());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldRecordAnUnknownStatsdNameWithATwoMetricCatalogOfItsOwn() throws Exception
    {
        final Path config = dir.resolve("two.yaml");
        Files.writeString(config, """
            engine:
              store_entries: 100000
            metrics:
              orders:
                type: counter
                unit: orders
                help: Orders placed.
              checkout_ms:
                type: histogram
                unit: milliseconds
                help: Checkout time.
                histogram: { lowest: 1, highest: 60000, significant_digits: 2 }
            """);
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread serve = new Thread(() ->
        {
            final CommandLine cl = AnalyticsCli.newCommandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            exit.set(cl.execute("serve", "--config", config.toString(), "--store", dir.resolve("store").toString(),
                "--port", "0", "--statsd-port", "0"));
        }, "serve-under-test");
        serve.start();
        final Matcher udp = await(() -> UDP.matcher(out.toString()), serve, out, err);
        final Matcher http = await(() -> HTTP.matcher(out.toString()), serve, out, err);
        try (DatagramSocket socket = new DatagramSocket())
        {
            final byte[] lines = "myapp.requests:1|c\nmyapp.requests:2|c\nmyapp.queue:7|g\norders:3|c\n"
                .getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(lines, lines.length,
                new InetSocketAddress("127.0.0.1", Integer.parseInt(udp.group(1)))));
        }
        final String url = http.group(1) + "metrics";
        await(() -> Pattern.compile("(?m)^statsd_lines_total\\{outcome=\"accepted\"} 4\\.0$").matcher(get(url)),
            serve, out, err);
        final String metrics = get(url);
        assertTrue(metrics.contains("\nstatsd_counter_total{name=\"myapp.requests\"} 3.0\n"), metrics);
        assertTrue(metrics.contains("\nstatsd_gauge{name=\"myapp.queue\"} 7.0\n"), metrics);
        assertTrue(metrics.contains("\norders_total 3.0\n"), "a catalog name records into its metric: " + metrics);
        assertFalse(metrics.contains("dspex_"), metrics);

        serve.interrupt();
        serve.join(DEADLINE.toMillis());
        assertFalse(serve.isAlive());
        assertEquals(ExitCodes.OK, exit.get(), err.toString());
    }

    @Test
    void shouldRefuseABadStatsdPort()
    {
        final StringWriter err = new StringWriter();
        final CommandLine cl = AnalyticsCli.newCommandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(ExitCodes.USAGE, cl.execute("serve", "--statsd-port", "70000"));
        assertTrue(err.toString().contains("--statsd-port must be in 0..65535, was 70000"), err.toString());
    }

    private static String get(final String url)
    {
        try
        {
            final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
            return response.body();
        }
        catch (final Exception ex)
        {
            return "";
        }
    }

    private static Matcher await(
        final Supplier<Matcher> matcher, final Thread serve, final StringWriter out,
        final StringWriter err)
    {
        return Await.until("the expected output", () ->
        {
            final Matcher m = matcher.get();
            return m.find() ? m : null;
        }, serve, DEADLINE, () -> "out " + out + " err " + err);
    }

    /** The bundled configuration with a smaller store (the engine allocates its files up front). */
    private Path smallConfig()
    {
        try
        {
            final Path file = dir.resolve("analytics.yaml");
            if (!Files.exists(file))
            {
                try (InputStream in = EngineConfig.class.getResourceAsStream(EngineConfig.DEFAULT_RESOURCE))
                {
                    final String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    Files.writeString(file, yaml.replace("store_entries: 600000", "store_entries: 100000"));
                }
            }
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
