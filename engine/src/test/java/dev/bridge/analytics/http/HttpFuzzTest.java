package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.HttpSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.bridge.analytics.http.ScriptedTraffic.NOW;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bounded, seeded fuzz of the HTTP layer: random bytes, mutated requests and random request lines and headers,
 * each on its own connection. Every answer is HTTP/1.1 and every error a JSON body; the server never stalls: a
 * normal request is answered after the fuzz.
 */
class HttpFuzzTest
{
    private static final long SEED = 13L;
    private static final int CASES = 300;
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 ([0-9]{3}) ");
    private static final String[] METHODS = { "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT",
        "PRI", "get", "G ET", "", "\u0000" };
    private static final String[] TARGETS = { "/api/health", "/metrics", "/api/query?metric=variable_read",
        "/api/export?format=csv", "/api/dashboard?range=last_5m", "/", "*", "http://x/api/health", "/%", "/%zz",
        "/api/query?metric=%ff%fe", "/static/../../x", "//", "/?a=1&a=2", "/api/export?format=json&range=last_106751991167d" };
    private static final String[] VERSIONS = { "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/0.9", "HTTP/1.", "http/1.1", "" };
    private static final String[] HEADERS = { "Host: 127.0.0.1", "Host:", "Accept: application/openmetrics-text",
        "Content-Length: 5", "Content-Length: -1", "Transfer-Encoding: chunked", "Connection: close",
        "Expect: 100-continue", "Authorization: Bearer x", "X: \u00ff\u00fe", " folded", "::", "Range: bytes=0-1" };

    @TempDir
    Path dir;

    @Test
    void shouldAnswerEveryFuzzedRequestInJsonAndStayResponsive() throws Exception
    {
        final HttpSettings settings = HttpSettings.DEFAULT.withPort(0).withConnectionLimits(64, Duration.ofSeconds(2));
        try (AnalyticsEngine engine = ScriptedTraffic.start(dir.resolve("store"), new ManualClock(NOW));
             AnalyticsHttpServer server = AnalyticsHttpServer.start(engine.queries(), settings))
        {
            final HttpCalls http = new HttpCalls(server.port());
            final Random random = new Random(SEED);
            for (int i = 0; i < CASES; i++)
            {
                final byte[] request = switch (i % 3)
                {
                    case 0 -> randomBytes(random);
                    case 1 -> mutated(random);
                    default -> randomRequest(random);
                };
                final String response = http.exchange(request);
                assertAnswerIsHttpWithJsonErrors(i, request, response);
            }

            final String health = http.exchange("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertTrue(health.startsWith("HTTP/1.1 200 "), health);
        }
    }

    private static void assertAnswerIsHttpWithJsonErrors(final int i, final byte[] request, final String response)
    {
        final String what = "case " + i + ": " + new String(request, StandardCharsets.ISO_8859_1) + "\n=> " + response;
        if (response.isEmpty())
        {
            return;
        }
        final Matcher status = STATUS.matcher(response);
        assertTrue(status.find(), what);
        final int code = Integer.parseInt(status.group(1));
        if (code >= 400)
        {
            final int headEnd = response.indexOf("\r\n\r\n");
            assertTrue(headEnd > 0, what);
            assertTrue(response.substring(0, headEnd).contains("\r\nContent-Type: application/json"), what);
            final String body = response.substring(headEnd + 4);
            final boolean headRequest = new String(request, StandardCharsets.ISO_8859_1).startsWith("HEAD ");
            assertTrue(headRequest && body.isEmpty() || body.startsWith("{\"error\":\""), what);
        }
    }

    private static byte[] randomBytes(final Random random)
    {
        final byte[] bytes = new byte[random.nextInt(600)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] mutated(final Random random)
    {
        final byte[] valid = ("GET /api/query?metric=variable_read&agg=sum HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            "Accept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte b : valid)
        {
            final int dice = random.nextInt(40);
            if (dice == 0)
            {
                continue;
            }
            out.write(dice == 1 ? random.nextInt(256) : b);
            if (dice == 2)
            {
                out.write(random.nextInt(256));
            }
        }
        return out.toByteArray();
    }

    private static byte[] randomRequest(final Random random)
    {
        final StringBuilder request = new StringBuilder()
            .append(pick(random, METHODS)).append(' ').append(pick(random, TARGETS)).append(' ')
            .append(pick(random, VERSIONS)).append("\r\n");
        final int headers = random.nextInt(6);
        for (int h = 0; h < headers; h++)
        {
            request.append(pick(random, HEADERS)).append("\r\n");
        }
        if (random.nextInt(4) > 0)
        {
            request.append("\r\n");
        }
        return request.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String pick(final Random random, final String[] choices)
    {
        return choices[random.nextInt(choices.length)];
    }
}
