package dev.bridge.analytics.bench;

import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import static org.junit.jupiter.api.Assertions.fail;

/** {@code analytics serve} and {@code analytics bench --serve}, in-process: their errors, and a start and stop. */
class ServeCommandTest
{
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAPortOutOfRange()
    {
        final Run run = Run.of("serve", "--port", "70000");

        assertEquals(ExitCodes.USAGE, run.exit, run.toString());
        assertTrue(run.err().contains("--port must be in 0..65535, was 70000"), run.toString());
        assertEquals(ExitCodes.USAGE, Run.of("serve", "--port", "http").exit);
        assertEquals(ExitCodes.USAGE, Run.of("bench", "--serve=70000").exit);
    }

    @Test
    void shouldRefuseAnInvalidConfigurationWithItsPosition() throws Exception
    {
        final Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "engine:\n  ring_size: 1000\nmetrics:\n  x:\n    type: counter\n    unit: ops\n    help: x\n");

        final Run run = Run.of("serve", "--config", config.toString(), "--port", "0", "--statsd-port", "0");

        assertEquals(ExitCodes.USAGE, run.exit, run.toString());
        assertTrue(run.err().contains(config + ":2:"), run.toString());
    }

    @Test
    void shouldRefuseAPortInUseAndReleaseTheStore() throws Exception
    {
        final Path store = dir.resolve("store");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            final Run run = Run.of("serve", "--config", smallConfig().toString(), "--store", store.toString(),
                "--port", Integer.toString(taken.getLocalPort()), "--statsd-port", "0");

            assertEquals(ExitCodes.USAGE, run.exit, run.toString());
            assertEquals("analytics serve: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use",
                run.err().strip());
        }
        try (AnalyticsEngine again = AnalyticsEngine.start(EngineConfig.load(smallConfig()).withDataDirectory(store)))
        {
            assertFalse(again.recoveredStore(), "the refused command closed its engine cleanly");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldServeUntilInterruptedThenCloseServerAndEngine() throws Exception
    {
        final Path store = dir.resolve("store");
        final Background serve = Background.start("serve", "--config", smallConfig().toString(), "--store",
            store.toString(), "--port", "0", "--statsd-port", "0", "--token", "t0ken");
        final String url = serve.await("the URL", () -> match(serve.out()));

        assertTrue(serve.out().startsWith("analytics serve: " + url + " (store " + store + "; open the page as " + url +
            "#token=<token>); Ctrl-C stops"), serve.out());
        assertEquals(401, get(url + "api/health", null).statusCode());
        final HttpResponse<String> health = get(url + "api/health", "t0ken");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().startsWith("{\"status\":\"ok\","), health.body());
        assertTrue(health.body().contains("\"store_directory\":\"" + store + "\""), health.body());
        assertEquals(200, get(url, "t0ken").statusCode());

        assertEquals(ExitCodes.OK, serve.stop(), serve.toString());
        assertTrue(serve.err().contains("analytics serve: stopped; the server and the engine are closed"), serve.toString());
        try (AnalyticsEngine again = AnalyticsEngine.start(EngineConfig.load(smallConfig()).withDataDirectory(store)))
        {
            assertFalse(again.recoveredStore(), "the engine was closed cleanly");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldPushToARemoteWriteReceiverAndSendWhatIsLeftWhenStopped() throws Exception
    {
        try (LastValuesReceiver receiver = new LastValuesReceiver())
        {
            final Background serve = Background.start("serve", "--config", smallConfig().toString(), "--store",
                dir.resolve("store").toString(), "--port", "0", "--statsd-port", "0",
                "--remote-write", receiver.url(), "--remote-write-label", "instance=serve-test");
            final String url = serve.await("the URL", () -> match(serve.out()));
            final String udpPort = serve.await("the StatsD port", () ->
            {
                final java.util.regex.Matcher m = java.util.regex.Pattern.compile("udp://127\\.0\\.0\\.1:(\\d+)").matcher(serve.out());
                return m.find() ? m.group(1) : null;
            });
            serve.await("the remote-write line", () ->
                serve.out().contains("analytics serve: remote write to " + receiver.url() + " every 15 s") ? "" : null);
            try (java.net.DatagramSocket socket = new java.net.DatagramSocket())
            {
                final byte[] line = "dspex.variable.read:5|c".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                socket.send(new java.net.DatagramPacket(line, line.length,
                    new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(udpPort))));
            }
            serve.await("the counter served", () ->
            {
                try
                {
                    return get(url + "metrics", null).body().contains("dspex_variable_read_total 5.0") ? "" : null;
                }
                catch (final Exception ex)
                {
                    return null;
                }
            });
            assertEquals(ExitCodes.OK, serve.stop(), serve.toString());
            assertEquals(5.0, receiver.lastValues().get("dspex_variable_read_total{instance=serve-test}"),
                "the last push on stop carried the counter: " + receiver.lastValues() + "\n" + serve);
            assertTrue(serve.err().matches("(?s).*analytics serve: remote write: [1-9][0-9,]* requests.*"), serve.toString());
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldServeTheLoadRunsStoreDuringAndAfterBench() throws Exception
    {
        final Background bench = Background.start("bench", "--config", smallConfig().toString(), "--events", "20000",
            "--warmup-events", "0", "--no-baseline", "--quiet", "--store", dir.resolve("store").toString(), "--serve=0");
        final String url = bench.await("the URL", () -> match(bench.err()));
        bench.await("the verdict", () -> bench.out().contains("NO LOSS: ") ? "done" : null);
        bench.await("serving after the verdict", () -> bench.err().contains("serving the run's store at " + url) ? "y" : null);

        final HttpResponse<String> health = get(url + "api/health", null);
        assertEquals(200, health.statusCode(), health.body());
        final Matcher published = Pattern.compile("\"events_published\":(\\d+)").matcher(health.body());
        assertTrue(published.find(), health.body());
        assertTrue(Long.parseLong(published.group(1)) >= 20_000, health.body());
        final HttpResponse<String> dashboard = get(url + "api/dashboard?range=last_hour", null);
        assertEquals(200, dashboard.statusCode(), dashboard.body());
        assertFalse(dashboard.body().contains("\"total_operations\":null"), dashboard.body());

        assertEquals(ExitCodes.OK, bench.stop(), bench.toString());
    }

    /** The bundled configuration with a smaller store, as a file (the engine allocates the store's files up front). */
    private Path smallConfig() throws IOException
    {
        final Path file = dir.resolve("analytics.yaml");
        if (!Files.exists(file))
        {
            final String yaml;
            try (InputStream in = EngineConfig.class.getResourceAsStream(EngineConfig.DEFAULT_RESOURCE))
            {
                yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(yaml.contains("store_entries: 600000"), "the bundled configuration sets store_entries");
            Files.writeString(file, yaml.replace("store_entries: 600000", "store_entries: 100000"));
        }
        return file;
    }

    private static String match(final String text)
    {
        final Matcher m = URL.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static HttpResponse<String> get(final String url, final String token) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A finished run of the command line. */
    private record Run(int exit, String out, String err)
    {
        static Run of(final String... args)
        {
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            final CommandLine cl = AnalyticsCli.newCommandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            final int exit = cl.execute(args);
            return new Run(exit, out.toString(), err.toString());
        }
    }

    /** A command running on its own thread until it is interrupted (as Ctrl-C would stop it). */
    private static final class Background
    {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final AtomicInteger exit = new AtomicInteger(-1);
        private final Thread thread;

        private Background(final String... args)
        {
            thread = new Thread(() ->
            {
                final CommandLine cl = AnalyticsCli.newCommandLine();
                cl.setOut(new PrintWriter(out, true));
                cl.setErr(new PrintWriter(err, true));
                exit.set(cl.execute(args));
            }, "serve-under-test");
        }

        static Background start(final String... args)
        {
            final Background background = new Background(args);
            background.thread.start();
            return background;
        }

        String out()
        {
            return out.toString();
        }

        String err()
        {
            return err.toString();
        }

        /** Polls {@code value} until it is not null, failing after the deadline or if the command ended. */
        String await(final String what, final Supplier<String> value)
        {
            return Await.until(what, value, thread, DEADLINE, this::toString);
        }

        /** @return the exit code after interrupting the command (its stop request) and joining it. */
        int stop() throws InterruptedException
        {
            thread.interrupt();
            thread.join(DEADLINE.toMillis());
            assertFalse(thread.isAlive(), "the command stopped: " + this);
            return exit.get();
        }

        @Override
        public String toString()
        {
            return "exit " + exit.get() + "\nout: " + out + "\nerr: " + err;
        }
    }
}
