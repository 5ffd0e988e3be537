package dev.bridge.analytics.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.export.ExternalValidators;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Prometheus (Debian's {@code prometheus} 2.42) on 127.0.0.1 with the remote-write receiver and native
 * histograms on, its TSDB in a test directory; stopped and started again on the same port and storage. Skips the
 * test when the binary is missing, unless {@value ExternalValidators#REQUIRE}=1 (CI), which fails it instead.
 * Not thread-safe: one test thread.
 */
final class PrometheusServer implements AutoCloseable
{
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    private PrometheusServer(final Path dir, final int port)
    {
        this.dir = dir;
        this.port = port;
    }

    /** Starts Prometheus with its storage under {@code dir}; skips (or fails in CI) when it is not installed. */
    static PrometheusServer start(final Path dir) throws IOException
    {
        return start(dir, "global:\n  scrape_interval: 1h\n");
    }

    /** As {@link #start(Path)} with {@code configYaml} as {@code prometheus.yml} (e.g. a scrape job). */
    static PrometheusServer start(final Path dir, final String configYaml) throws IOException
    {
        final boolean installed = Files.isExecutable(BINARY);
        if (!installed && "1".equals(System.getenv(ExternalValidators.REQUIRE)))
        {
            throw new AssertionError(BINARY + " is missing: install the Debian package prometheus (.ci/run does)");
        }
        assumeTrue(installed, BINARY + " is missing: install the Debian package prometheus");
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("prometheus.yml"), configYaml);
        final PrometheusServer server = new PrometheusServer(dir, port);
        server.startProcess();
        return server;
    }

    /** @return the remote-write endpoint. */
    URI writeUrl()
    {
        return URI.create("http://127.0.0.1:" + port + "/api/v1/write");
    }

    /** Stops Prometheus (SIGTERM: it closes its TSDB) and waits for the process to end. */
    void stop() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor();
        }
    }

    /** Starts Prometheus again on the same port and storage. */
    void restart() throws IOException
    {
        startProcess();
    }

    private void startProcess() throws IOException
    {
        process = new ProcessBuilder(BINARY.toString(),
            "--config.file=" + dir.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + dir.resolve("tsdb"),
            "--web.listen-address=127.0.0.1:" + port,
            "--web.enable-remote-write-receiver",
            "--enable-feature=native-histograms")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prometheus.log").toFile()))
            .start();
        Await.until("Prometheus ready on port " + port + " (log: " + dir.resolve("prometheus.log") + ")", () ->
        {
            if (!process.isAlive())
            {
                throw new AssertionError("Prometheus exited with " + process.exitValue() + "; log: " + log());
            }
            try
            {
                return get("/-/ready").statusCode() == 200;
            }
            catch (final IOException ex)
            {
                return false;
            }
        });
    }

    /** @return the value of the single series {@code promql} answers at {@code timeMs}; NaN when it has none. */
    double query(final String promql, final long timeMs) throws IOException
    {
        final JsonNode result = queryResult(promql, timeMs);
        if (result.isEmpty())
        {
            return Double.NaN;
        }
        assertEquals(1, result.size(), () -> promql + " answered more than one series: " + result);
        return Double.parseDouble(result.get(0).get("value").get(1).asText());
    }

    /** @return the {@code data.result} array of an instant query. */
    JsonNode queryResult(final String promql, final long timeMs) throws IOException
    {
        final HttpResponse<String> response = get("/api/v1/query?query=" +
            URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + (timeMs / 1000.0));
        final JsonNode body = JSON.readTree(response.body());
        assertEquals("success", body.path("status").asText(), () -> promql + ": " + response.body());
        return body.path("data").path("result");
    }

    /** @return the {@code data.result} array of a range query. */
    JsonNode queryRangeResult(final String promql, final long startMs, final long endMs, final long stepMs)
        throws IOException
    {
        final HttpResponse<String> response = get("/api/v1/query_range?query=" +
            URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start=" + (startMs / 1000.0) + "&end=" +
            (endMs / 1000.0) + "&step=" + (stepMs / 1000.0));
        final JsonNode body = JSON.readTree(response.body());
        assertEquals("success", body.path("status").asText(), () -> promql + ": " + response.body());
        return body.path("data").path("result");
    }

    /** @return the type Prometheus' metadata API gives metric {@code name} (from the scraped families), or "". */
    String metadataType(final String name) throws IOException
    {
        final HttpResponse<String> response = get("/api/v1/metadata?metric=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        return JSON.readTree(response.body()).path("data").path(name).path(0).path("type").asText();
    }

    /** @return what Prometheus printed so far (for failure messages). */
    String log()
    {
        try
        {
            return Files.readString(dir.resolve("prometheus.log"));
        }
        catch (final IOException ex)
        {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    private HttpResponse<String> get(final String path) throws IOException
    {
        try
        {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        if (process != null && process.isAlive())
        {
            stop();
        }
    }
}
