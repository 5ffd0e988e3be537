package dev.bridge.analytics.http;

import dev.bridge.analytics.config.HttpSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The errors the HTTP layer itself emits, before any endpoint sees the request (malformed request line, headers,
 * oversized parts, unknown methods and versions), are JSON like the API's own, with an exact message.
 */
class ServerErrorsJsonTest
{
    private static final int MAX_REQUEST_BYTES = 256;

    @TempDir
    static Path dir;
    private static ScriptedServer scripted;
    private static HttpCalls http;

    @BeforeAll
    static void start() throws Exception
    {
        scripted = ScriptedServer.start(dir, new HttpSettings("127.0.0.1", 0, null, MAX_REQUEST_BYTES));
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

    static Stream<Arguments> malformedRequests()
    {
        final String host = "Host: 127.0.0.1\r\n";
        return Stream.of(
            Arguments.of("a request line without a target", "GARBAGE\r\n\r\n",
                400, "malformed request: No URI"),
            Arguments.of("an unknown HTTP version", "GET /api/health HTTP/9.9\r\n\r\n",
                505, "HTTP version not supported: use HTTP/1.1 or HTTP/1.0"),
            Arguments.of("HTTP/1.1 without Host", "GET /api/health HTTP/1.1\r\n\r\n",
                400, "malformed request: No Host"),
            Arguments.of("a header without a colon", "GET /api/health HTTP/1.1\r\n" + host + "Bad Header\r\n\r\n",
                400, "malformed request: Illegal character SPACE=' '"),
            Arguments.of("two Host headers", "GET /api/health HTTP/1.1\r\n" + host + "Host: other\r\n\r\n",
                400, "malformed request: Duplicate Host Header"),
            Arguments.of("a bad Content-Length", "GET /api/health HTTP/1.1\r\n" + host + "Content-Length: abc\r\n\r\n",
                400, "malformed request: Invalid Content-Length Value"),
            Arguments.of("control bytes", "\u0000\u0001\u0002\r\n\r\n",
                400, "malformed request: Illegal character CNTL=0x0"),
            Arguments.of("headers longer than max_request_bytes + 8192",
                "GET /api/health HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(9000) + "\r\n\r\n",
                431, "the request line and headers are longer than 8448 bytes (max_request_bytes + 8192)"),
            Arguments.of("a request line longer than the header buffer",
                "GET /" + "a".repeat(9000) + " HTTP/1.1\r\n" + host + "\r\n",
                414, "the request URI is longer than 256 bytes (max_request_bytes)"),
            Arguments.of("an unknown method", "BREW /api/health HTTP/1.1\r\n" + host + "\r\n",
                405, "method BREW is not allowed: use GET or HEAD"),
            Arguments.of("CONNECT", "CONNECT 127.0.0.1:80 HTTP/1.1\r\n" + host + "\r\n",
                405, "method CONNECT is not allowed: use GET or HEAD"),
            Arguments.of("the HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                426, "HTTP/2 is not served here: use HTTP/1.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void shouldAnswerAMalformedRequestWithAJsonError(
        final String what, final String request, final int status, final String message)
    {
        final String response = http.exchange(request);

        assertTrue(response.startsWith("HTTP/1.1 " + status + " "), response);
        assertTrue(response.contains("\r\nContent-Type: application/json\r\n"), response);
        assertEquals("{\"error\":" + Json.write(message) + "}", body(response));
    }

    @Test
    void shouldCountTheMalformedRequestsInHealth() throws Exception
    {
        try (AnalyticsHttpServer counted = AnalyticsHttpServer.start(scripted.engine().queries(), HttpSettings.DEFAULT.withPort(0)))
        {
            final HttpCalls calls = new HttpCalls(counted.port());
            calls.exchange("GARBAGE\r\n\r\n");
            calls.exchange("GET /api/health HTTP/1.1\r\n\r\n");
            calls.exchange("GET /api/health HTTP/9.9\r\n\r\n");

            final HttpResponse<String> health = calls.get("/api/health");

            assertEquals(200, health.statusCode());
            assertTrue(health.body().endsWith(",\"http_busy_refusals\":0,\"http_malformed_requests\":3,\"http_read_timeouts\":0}"),
                health.body());
        }
    }

    /** @return the body of a whole HTTP/1.1 response. */
    static String body(final String response)
    {
        final int end = response.indexOf("\r\n\r\n");
        assertTrue(end >= 0, response);
        return response.substring(end + 4);
    }
}
