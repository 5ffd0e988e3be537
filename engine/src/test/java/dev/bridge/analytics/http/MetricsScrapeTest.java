package dev.bridge.analytics.http;

import dev.bridge.analytics.config.HttpSettings;
import dev.bridge.analytics.export.ExportFormat;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /metrics} as Prometheus scrapes it: the three formats client_java's {@code ExpositionFormats} negotiates
 * (protobuf only when asked with its {@code proto=} parameter), gzip when asked, and errors that stay JSON.
 */
class MetricsScrapeTest
{
    /** What Prometheus 2.42 sends with {@code --enable-feature=native-histograms} (scrape.go). */
    static final String PROMETHEUS_PROTOBUF_ACCEPT = "application/vnd.google.protobuf;" +
        "proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8," +
        "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    @TempDir
    static Path dir;
    private static ScriptedServer scripted;
    private static HttpCalls http;

    @BeforeAll
    static void start() throws Exception
    {
        scripted = ScriptedServer.start(dir, HttpSettings.DEFAULT.withPort(0).withBearerToken("s3cret"));
        http = scripted.http();
    }

    @AfterAll
    static void stop()
    {
        if (scripted != null)
        {
            scripted.close();
        }
    }

    @ParameterizedTest(name = "[{index}] Accept: {0}")
    @CsvSource(delimiter = '|', value = {
        "''                                                                          | PROMETHEUS",
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited | PROTOBUF",
        "application/vnd.google.protobuf                                             | PROMETHEUS",
        "application/openmetrics-text;version=1.0.0;q=0.8,text/plain;version=0.0.4;q=0.5 | OPENMETRICS",
        "text/plain;version=0.0.4;q=1,application/openmetrics-text;q=0.1             | OPENMETRICS",
        "application/openmetrics-text;q=0                                            | OPENMETRICS",
        "text/html                                                                   | PROMETHEUS" })
    void shouldNegotiateAsClientJavaDoesIgnoringQualityValues(final String accept, final ExportFormat expected)
        throws Exception
    {
        final HttpResponse<byte[]> response = accept.isEmpty() ? http.getBytes("/metrics", auth()) :
            http.getBytes("/metrics", "Authorization", "Bearer s3cret", "Accept", accept);

        assertEquals(200, response.statusCode());
        assertEquals(expected.contentType(), response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("Accept-Encoding, Accept", String.join(", ", response.headers().allValues("Vary")));
        assertFalse(response.headers().firstValue("Content-Encoding").isPresent());
        assertArrayEquals(direct(expected), response.body());
    }

    @Test
    void shouldServeProtobufWithNativeHistogramsToPrometheus() throws Exception
    {
        final HttpResponse<byte[]> response =
            http.getBytes("/metrics", "Authorization", "Bearer s3cret", "Accept", PROMETHEUS_PROTOBUF_ACCEPT);

        assertEquals(ExportFormat.PROTOBUF.contentType(), response.headers().firstValue("Content-Type").orElseThrow());
        final ByteArrayInputStream in = new ByteArrayInputStream(response.body());
        Metrics.MetricFamily family;
        Metrics.Histogram read = null;
        while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null)
        {
            if (family.getName().equals("dspex_read_latency_seconds"))
            {
                read = family.getMetric(0).getHistogram();
            }
        }
        assertTrue(read != null, "no dspex_read_latency_seconds family");
        assertEquals(8, read.getSchema());
        long nativeCount = read.getZeroCount();
        long delta = 0;
        for (final long d : read.getPositiveDeltaList())
        {
            delta += d;
            nativeCount += delta;
        }
        assertEquals(read.getSampleCount(), nativeCount, "native buckets hold every value");
        assertEquals(read.getSampleCount(), read.getBucket(read.getBucketCount() - 1).getCumulativeCount());
    }

    @ParameterizedTest(name = "[{index}] Accept: {0}")
    @CsvSource({ "''", "application/openmetrics-text;version=1.0.0", PROMETHEUS_PROTOBUF_ACCEPT })
    void shouldGzipWhenAskedAndDecompressToTheSameBytes(final String accept) throws Exception
    {
        final ExportFormat format = accept.isEmpty() ? ExportFormat.PROMETHEUS :
            accept.startsWith("application/vnd") ? ExportFormat.PROTOBUF : ExportFormat.OPENMETRICS;

        final HttpResponse<byte[]> response = http.getBytes("/metrics", "Authorization", "Bearer s3cret",
            "Accept", accept.isEmpty() ? "*/*" : accept, "Accept-Encoding", "gzip");

        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals(format.contentType(), response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("Accept-Encoding, Accept", String.join(", ", response.headers().allValues("Vary")));
        assertArrayEquals(direct(format), gunzip(response.body()));
    }

    @Test
    void shouldGzipTheJsonApiToo() throws Exception
    {
        final HttpResponse<byte[]> response = http.getBytes("/api/dashboard?range=all",
            "Authorization", "Bearer s3cret", "Accept-Encoding", "gzip");

        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(http.get("/api/dashboard?range=all", auth()).body(),
            new String(gunzip(response.body()), StandardCharsets.UTF_8));
    }

    @Test
    void shouldKeepErrorsJsonWhenProtobufAndGzipAreAsked() throws Exception
    {
        final HttpResponse<byte[]> unauthorized =
            http.getBytes("/metrics", "Accept", PROMETHEUS_PROTOBUF_ACCEPT, "Accept-Encoding", "gzip");
        final HttpResponse<byte[]> badParameter = http.getBytes("/metrics?x=1", "Authorization", "Bearer s3cret",
            "Accept", PROMETHEUS_PROTOBUF_ACCEPT, "Accept-Encoding", "gzip");

        assertEquals(401, unauthorized.statusCode());
        assertEquals("application/json", unauthorized.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"error\":\"this server needs a bearer token: send the header 'Authorization: Bearer <token>'\"}",
            new String(unauthorized.body(), StandardCharsets.UTF_8));
        assertEquals(400, badParameter.statusCode());
        assertEquals("application/json", badParameter.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"error\":\"unknown parameter 'x': this path takes no parameters\"}",
            new String(badParameter.body(), StandardCharsets.UTF_8), "short errors are sent uncompressed");
    }

    private static String[] auth()
    {
        return new String[] { "Authorization", "Bearer s3cret" };
    }

    private static byte[] direct(final ExportFormat format) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        scripted.engine().queries().scrape(format, out);
        return out.toByteArray();
    }

    private static byte[] gunzip(final byte[] body) throws IOException
    {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body)))
        {
            return in.readAllBytes();
        }
    }
}
