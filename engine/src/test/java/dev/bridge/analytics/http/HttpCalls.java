package dev.bridge.analytics.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Requests to a test server on 127.0.0.1: through java.net.http.HttpClient, or byte for byte over a socket. */
final class HttpCalls
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final int port;

    HttpCalls(final int port)
    {
        this.port = port;
    }

    /** GET {@code pathAndQuery} with header name/value pairs. */
    HttpResponse<String> get(final String pathAndQuery, final String... headers)
    {
        return send("GET", pathAndQuery, HttpRequest.BodyPublishers.noBody(), headers);
    }

    /** @return the response to {@code method} with {@code body} (empty for none). */
    HttpResponse<String> send(
        final String method, final String pathAndQuery, final HttpRequest.BodyPublisher body, final String... headers)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(TIMEOUT)
            .method(method, body);
        for (int i = 0; i < headers.length; i += 2)
        {
            request.header(headers[i], headers[i + 1]);
        }
        try
        {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Sends {@code GET <rawTarget> HTTP/1.1} exactly as given (no client normalising the path) and returns the whole
     * response: status line, headers and body.
     */
    String raw(final String rawTarget)
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int)TIMEOUT.toMillis());
            socket.setSoTimeout((int)TIMEOUT.toMillis());
            final OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            final InputStream in = socket.getInputStream();
            final ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.ISO_8859_1);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
