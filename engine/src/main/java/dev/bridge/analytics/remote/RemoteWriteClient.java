package dev.bridge.analytics.remote;

import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Sends one remote-write request: the protobuf bytes snappy-compressed (block format), POSTed with the headers of
 * remote write 1.0 ({@code Content-Encoding: snappy}, {@code Content-Type: application/x-protobuf},
 * {@code X-Prometheus-Remote-Write-Version: 0.1.0}), plus the configured headers. Thread-safe (the JDK HttpClient
 * is).
 */
final class RemoteWriteClient
{
    /** Longest part of an error answer kept for the log. */
    private static final int MAX_BODY_CHARS = 512;

    private final HttpClient http;
    private final URI url;
    private final Duration timeout;
    private final Map<String, String> headers;

    /** @param headers added to every request (tenant, Authorization). */
    RemoteWriteClient(final URI url, final Duration timeout, final Map<String, String> headers)
    {
        this.url = url;
        this.timeout = timeout;
        this.headers = headers;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).build(); // 307/308 keep the POST
    }

    /** The receiver's answer: its status and the start of its body. */
    record Answer(int status, String body)
    {
        boolean ok()
        {
            return status >= 200 && status < 300;
        }

        /**
         * @return true for answers a retry may fix: 5xx and 429 (remote write 1.0 retries these), and anything else
         *         that is not a 4xx (a redirect the client did not follow): only a 4xx other than 429 drops a request.
         */
        boolean retryable()
        {
            return !ok() && (status < 400 || status >= 500 || status == 429);
        }
    }

    /**
     * @param protobuf       the serialized WriteRequest.
     * @param requestTimeout how long the answer may take (the configured timeout, or less when close() is short of time).
     * @return the receiver's answer.
     * @throws IOException when the receiver cannot be reached or does not answer within the timeout.
     */
    Answer send(final byte[] protobuf, final Duration requestTimeout) throws IOException
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(url);
        headers.forEach(builder::header);
        final HttpRequest request = builder
            .timeout(requestTimeout)
            .header("Content-Encoding", "snappy")
            .header("Content-Type", "application/x-protobuf")
            .header("User-Agent", "bridge-analytics")
            .header("X-Prometheus-Remote-Write-Version", "0.1.0")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(protobuf)))
            .build();
        try
        {
            final HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            final String body = new String(response.body(), StandardCharsets.UTF_8).strip();
            return new Answer(response.statusCode(),
                body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) + "..." : body);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending to " + url, ex);
        }
    }
}
