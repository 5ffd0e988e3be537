package dev.bridge.analytics.cli;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analytics serve}, in-process: its errors, and a start and stop ({@code bench --serve}: bench's BenchServeTest). */
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
        final BackgroundCommand serve = BackgroundCommand.start(AnalyticsCli.newCommandLine(), "serve", "--config", smallConfig().toString(), "--store",
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
            final BackgroundCommand serve = BackgroundCommand.start(AnalyticsCli.newCommandLine(), "serve", "--config", smallConfig().toString(), "--store",
                dir.resolve("store").toString(), "--port", "0", "--statsd-port", "0",
                "--remote-write", receiver.url(), "--remote-write-label", "instance=serve-test");
            final String url = serve.await("the URL", () -> match(serve.out()));
            final String udpPort = serve.await("the StatsD port", () ->
            {
                final Matcher m = Pattern.compile("udp://127\\.0\\.0\\.1:(\\d+)").matcher(serve.out());
                return m.find() ? m.group(1) : null;
            });
            serve.await("the remote-write line", () ->
                serve.out().contains("analytics serve: remote write to " + receiver.url() + " every 15 s") ? "" : null);
            try (DatagramSocket socket = new DatagramSocket())
            {
                final byte[] line = "dspex.variable.read:5|c".getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(line, line.length,
                    new InetSocketAddress("127.0.0.1", Integer.parseInt(udpPort))));
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

    /** The bundled configuration with a smaller store, as a file (the engine allocates the store's files up front). */
    private Path smallConfig() throws IOException
    {
        return SmallStoreConfig.in(dir);
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
}
