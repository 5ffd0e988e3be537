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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** GET {@code pathAndQuery} with header name/value pairs; the body as it came (not decoded, not decompressed). */
    HttpResponse<byte[]> getBytes(final String pathAndQuery, final String... headers)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2)
        {
            request.header(headers[i], headers[i + 1]);
        }
        try
        {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
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
     * Sends {@code request} byte for byte, closes the sending half and returns everything the server answers until it
     * closes the connection (empty when it closes without an answer).
     */
    String exchange(final byte[] request)
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int)TIMEOUT.toMillis());
            socket.setSoTimeout((int)TIMEOUT.toMillis());
            final OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            final ByteArrayOutputStream response = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(response);
            return response.toString(StandardCharsets.ISO_8859_1);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** @return the answer to {@code request} (ISO-8859-1 text), as {@link #exchange(byte[])}. */
    String exchange(final String request)
    {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** @return a connection to the server on which {@code partialRequest} was sent; the caller closes it. */
    Socket openWith(final String partialRequest)
    {
        final Socket socket = new Socket();
        try
        {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int)TIMEOUT.toMillis());
            socket.setSoTimeout((int)TIMEOUT.toMillis());
            socket.getOutputStream().write(partialRequest.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return socket;
        }
        catch (final IOException ex)
        {
            try
            {
                socket.close();
            }
            catch (final IOException suppressed)
            {
                ex.addSuppressed(suppressed);
            }
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Reads one whole response (status line, headers, {@code Content-Length} bytes of body) from a kept-alive
     * connection, leaving the connection open.
     */
    static String readResponse(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("the connection closed after " + head.size() + " bytes: " +
                    head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        final String headers = head.toString(StandardCharsets.ISO_8859_1);
        final Matcher length =
            Pattern.compile("(?i)\r\ncontent-length: *([0-9]+)\r\n").matcher(headers);
        final int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return headers + new String(in.readNBytes(bodyLength), StandardCharsets.ISO_8859_1);
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
