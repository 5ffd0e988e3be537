package dev.bridge.analytics.http;

import com.sun.net.httpserver.HttpServer;
import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.config.HttpSettings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The HTTP endpoint over an engine's (or a reader's) queries, on the JDK's {@code com.sun.net.httpserver}:
 * <pre>
 * /metrics          Prometheus text 0.0.4, or OpenMetrics 1.0 when the Accept header prefers it
 * /api/dashboard    ?range=                                       the dashboard as JSON
 * /api/query        ?metric=&amp;from=&amp;to=&amp;interval=&amp;agg=&amp;labels=   one point per interval, JSON
 * /api/export       ?format=&amp;range=                              any export format
 * /api/health       status, uptime, store, series, the engine's facts
 * /                 the live dashboard page; /static/... its files (a fixed list)
 * </pre>
 * Requests are checked as {@link Router} describes (414, 401, 405, 404, 400). Handler threads: at most
 * {@value #THREADS}, with at most {@value #QUEUED} accepted requests waiting; beyond that a new connection is
 * closed unanswered, so a flood costs bounded memory and never slows the engine's recording path (the server only
 * runs queries).
 * <pre>{@code
 * try (AnalyticsHttpServer server = AnalyticsHttpServer.start(engine.queries(), config.http(), EngineHealth.of(engine)))
 * {
 *     System.out.println(server.url());       // http://127.0.0.1:9464/
 *     ...
 * }
 * }</pre>
 * Thread-safety: {@link #port()}, {@link #url()} and {@link #close()} may be called from any thread.
 */
public final class AnalyticsHttpServer implements AutoCloseable
{
    static final int THREADS = 4;
    static final int QUEUED = 64;
    private static final int BACKLOG = 64;
    private static final long CLOSE_WAIT_MS = 5_000;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AnalyticsHttpServer(final HttpServer server, final ThreadPoolExecutor executor, final String host)
    {
        this.server = server;
        this.executor = executor;
        this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    /** Starts a server without engine facts in {@code /api/health} (e.g. over an {@code AnalyticsReader}). */
    public static AnalyticsHttpServer start(final AnalyticsQueries queries, final HttpSettings settings)
        throws IOException
    {
        return start(queries, settings, Map::of);
    }

    /**
     * Binds {@code settings.bind():settings.port()} (port 0: any free port, see {@link #port()}) and starts serving.
     *
     * @param engineFacts extra fields of {@code /api/health}, read at each request ({@link EngineHealth#of}).
     * @throws IOException           when the address cannot be bound (e.g. {@link java.net.BindException}: in use)
     *                               or resolved.
     * @throws IllegalStateException when a page resource is missing from the classpath.
     */
    public static AnalyticsHttpServer start(
        final AnalyticsQueries queries, final HttpSettings settings, final Supplier<Map<String, Object>> engineFacts)
        throws IOException
    {
        final Router router = new Router(routes(queries, engineFacts), BearerAuth.of(settings.bearerToken()),
            TokenGatePage.load(), settings.maxRequestBytes());
        final InetSocketAddress address = new InetSocketAddress(settings.bind(), settings.port());
        if (address.isUnresolved())
        {
            throw new UnknownHostException("cannot resolve the bind address '" + settings.bind() + "'");
        }
        final HttpServer server = HttpServer.create(address, BACKLOG);
        final ThreadPoolExecutor executor = executor();
        server.setExecutor(executor);
        server.createContext("/", router);
        server.start();
        return new AnalyticsHttpServer(server, executor, settings.bind());
    }

    private static Map<String, Endpoint> routes(
        final AnalyticsQueries queries, final Supplier<Map<String, Object>> engineFacts)
    {
        final Map<String, Endpoint> routes = new LinkedHashMap<>(StaticResources.files());
        routes.put("/metrics", new MetricsEndpoint(queries));
        routes.put("/api/dashboard", new DashboardEndpoint(queries));
        routes.put("/api/query", new QueryEndpoint(queries));
        routes.put("/api/export", new ExportEndpoint(queries));
        routes.put("/api/health", new HealthEndpoint(queries, engineFacts));
        routes.put("/api/alerts", new AlertsEndpoint(queries));
        return routes;
    }

    private static ThreadPoolExecutor executor()
    {
        final AtomicInteger threads = new AtomicInteger();
        final ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED), task ->
            {
                final Thread thread = new Thread(task, "analytics-http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** @return the port the server listens on (the one chosen when the settings said 0). */
    public int port()
    {
        return server.getAddress().getPort();
    }

    /** @return the page's URL, {@code http://<bind>:<port>/}. */
    public String url()
    {
        return url;
    }

    /**
     * Stops accepting, lets the requests being answered finish (up to 5 s) and stops the handler threads.
     * Idempotent. Close the server before the engine whose queries it serves.
     */
    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true))
        {
            return;
        }
        server.stop(0);
        executor.shutdown();
        try
        {
            if (!executor.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS))
            {
                executor.shutdownNow();
            }
        }
        catch (final InterruptedException ex)
        {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
