package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.HttpSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.bridge.analytics.http.ScriptedTraffic.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A few sockets cannot stop the server: half-sent requests hold no thread and are closed after {@code idle_timeout};
 * connections beyond {@code max_connections} wait for a free slot without stalling the open ones.
 */
class ConnectionLimitsTest
{
    /** More than the old server's 4 handler threads and than this server's selector and acceptor. */
    private static final int HALF_OPEN = 8;
    private static final String PARTIAL = "GET /api/health HTTP/1.1\r\nHost: x\r\n";
    private static final String HEALTH = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    @TempDir
    static Path dir;
    private static AnalyticsEngine engine;

    @BeforeAll
    static void start() throws Exception
    {
        engine = ScriptedTraffic.start(dir.resolve("store"), new ManualClock(NOW));
    }

    @AfterAll
    static void stop()
    {
        if (engine != null)
        {
            engine.close();
        }
    }

    @Test
    void shouldAnswerWhileHalfOpenConnectionsAreHeld() throws Exception
    {
        final List<Socket> held = new ArrayList<>();
        try (AnalyticsHttpServer server = AnalyticsHttpServer.start(engine.queries(), HttpSettings.DEFAULT.withPort(0)))
        {
            final HttpCalls http = new HttpCalls(server.port());
            for (int i = 0; i < HALF_OPEN; i++)
            {
                held.add(http.openWith(PARTIAL));
            }

            final String response = http.exchange(HEALTH);

            assertTrue(response.startsWith("HTTP/1.1 200 "), response);
        }
        finally
        {
            closeAll(held);
        }
    }

    @Test
    void shouldCloseHalfOpenConnectionsAfterTheIdleTimeout() throws Exception
    {
        final HttpSettings settings = HttpSettings.DEFAULT.withPort(0).withConnectionLimits(64, Duration.ofSeconds(1));
        final List<Socket> held = new ArrayList<>();
        try (AnalyticsHttpServer server = AnalyticsHttpServer.start(engine.queries(), settings))
        {
            final HttpCalls http = new HttpCalls(server.port());
            for (int i = 0; i < HALF_OPEN; i++)
            {
                held.add(http.openWith(PARTIAL));
            }

            for (final Socket socket : held)
            {
                assertEquals("", readUntilClosed(socket), "the server closes the connection without an answer");
            }
            assertTrue(http.exchange(HEALTH).startsWith("HTTP/1.1 200 "));
        }
        finally
        {
            closeAll(held);
        }
    }

    @Test
    void shouldCloseAConnectionWhoseHeadersTrickleInSlowerThanTheReadTimeout() throws Exception
    {
        final HttpSettings settings = HttpSettings.DEFAULT.withPort(0).withReadTimeout(Duration.ofMillis(500));
        try (AnalyticsHttpServer server = AnalyticsHttpServer.start(engine.queries(), settings);
             Socket trickling = new HttpCalls(server.port()).openWith(PARTIAL))
        {
            final long deadlineNs = System.nanoTime() + Await.DEADLINE.toNanos();
            trickling.setSoTimeout(50);
            boolean closed = false;
            for (int header = 0; !closed && System.nanoTime() - deadlineNs < 0; header++)
            {
                closed = sendOneByteThenReadFor50Ms(trickling, (byte)('a' + header % 26));
            }

            assertTrue(closed, "a request trickled for " + Await.DEADLINE + " is closed by read_timeout");
            final String health = new HttpCalls(server.port()).exchange(HEALTH.replace("\r\n\r\n",
                "\r\nConnection: close\r\n\r\n"));
            assertTrue(health.endsWith(",\"http_read_timeouts\":1}"), health);
        }
    }

    @Test
    void shouldQueueConnectionsBeyondMaxConnectionsWithoutStallingTheOpenOnes() throws Exception
    {
        final int maxConnections = 4;
        final HttpSettings settings = HttpSettings.DEFAULT.withPort(0)
            .withConnectionLimits(maxConnections, Duration.ofSeconds(30));
        final List<Socket> open = new ArrayList<>();
        try (AnalyticsHttpServer server = AnalyticsHttpServer.start(engine.queries(), settings))
        {
            final HttpCalls http = new HttpCalls(server.port());
            for (int i = 0; i < maxConnections; i++)
            {
                final Socket socket = http.openWith(HEALTH);
                assertTrue(HttpCalls.readResponse(socket.getInputStream()).startsWith("HTTP/1.1 200 "));
                open.add(socket);
            }
            final Socket waiting = http.openWith(HEALTH);
            open.add(waiting);

            waiting.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> waiting.getInputStream().read(),
                "a connection beyond max_connections is not served while the others are open");
            final Socket first = open.get(0);
            first.getOutputStream().write(HEALTH.getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(HttpCalls.readResponse(first.getInputStream()).startsWith("HTTP/1.1 200 "),
                "an open connection is still served");

            open.remove(1).close();
            waiting.setSoTimeout((int)Await.DEADLINE.toMillis());
            assertTrue(HttpCalls.readResponse(waiting.getInputStream()).startsWith("HTTP/1.1 200 "),
                "the waiting connection is served once another closes");
        }
        finally
        {
            closeAll(open);
        }
    }

    /**
     * Sends one more header byte (well within the idle timeout of the last) and waits for an answer for the socket's
     * 50 ms read timeout: the pace of the trickle, not a pause.
     *
     * @return true when the server closed the connection.
     */
    private static boolean sendOneByteThenReadFor50Ms(final Socket socket, final byte headerByte)
    {
        try
        {
            socket.getOutputStream().write(headerByte);
            return socket.getInputStream().read() < 0;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            return true;
        }
    }

    /** @return what the server sent before closing {@code socket} (bounded by the socket's read timeout). */
    private static String readUntilClosed(final Socket socket) throws IOException
    {
        final InputStream in = socket.getInputStream();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        in.transferTo(received);
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private static void closeAll(final List<Socket> sockets)
    {
        for (final Socket socket : sockets)
        {
            try
            {
                socket.close();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
