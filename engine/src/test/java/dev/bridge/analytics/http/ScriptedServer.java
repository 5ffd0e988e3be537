package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.HttpSettings;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The scripted engine ({@link ScriptedTraffic}) behind a real server on 127.0.0.1, started once per test class and
 * closed in reverse order. Not thread-safe to start or close; {@link #http()} is thread-safe.
 *
 * @param engine the scripted engine.
 * @param server its HTTP server.
 * @param http   calls to that server.
 */
record ScriptedServer(AnalyticsEngine engine, AnalyticsHttpServer server, HttpCalls http) implements AutoCloseable
{
    /** Starts the scripted engine in {@code dir}/store on {@code clock} and a server with {@code settings} and {@code facts}. */
    static ScriptedServer start(final Path dir, final ManualClock clock, final HttpSettings settings,
        final Supplier<Map<String, Object>> facts) throws Exception
    {
        final AnalyticsEngine engine = ScriptedTraffic.start(dir.resolve("store"), clock);
        try
        {
            final AnalyticsHttpServer server = AnalyticsHttpServer.start(engine.queries(), settings, facts);
            return new ScriptedServer(engine, server, new HttpCalls(server.port()));
        }
        catch (final Exception | Error ex)
        {
            engine.close();
            throw ex;
        }
    }

    /** Starts the scripted engine at {@link ScriptedTraffic#NOW} and a server with {@code settings}, without engine facts. */
    static ScriptedServer start(final Path dir, final HttpSettings settings) throws Exception
    {
        return start(dir, new ManualClock(ScriptedTraffic.NOW), settings, Map::of);
    }

    /** Closes the server, then the engine. */
    @Override
    public void close()
    {
        try
        {
            server.close();
        }
        finally
        {
            engine.close();
        }
    }
}
