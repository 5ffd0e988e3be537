package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.config.HttpSettings;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The HTTP endpoint over an engine's (or a reader's) queries, on an embedded Jetty 12 server (core handlers, no
 * servlets):
 * <pre>
 * /metrics          Prometheus text 0.0.4, or OpenMetrics 1.0 when the Accept header prefers it
 * /api/dashboard    ?range=                                       the dashboard as JSON
 * /api/query        ?metric=&amp;from=&amp;to=&amp;interval=&amp;agg=&amp;labels=   one point per interval, JSON
 * /api/export       ?format=&amp;range=                              any export format
 * /api/health       status, uptime, store, series, the engine's facts, the server's refusals
 * /api/alerts       the tracked alerts and silences
 * /api/panels       the page's panels (the configuration's dashboard: section, or generated from the catalog)
 * /api/catalog      the metrics and the label values their series have, for the page's picker
 * /api/v1/...       Prometheus' HTTP API, read side (GET or form POST): query, query_range, series, labels,
 *                   label/&lt;name&gt;/values, metadata, status/buildinfo, query_exemplars; PromQL subset of
 *                   {@link dev.bridge.analytics.promql.PromqlParser}
 * /                 the live dashboard page; /static/... its files (a fixed list)
 * </pre>
 * Requests are checked as {@link Router} describes (414, 401, 405, 404, 400). What a few clients cannot do to it:
 * <ul>
 *   <li>hold it with half-sent requests: connections are read without blocking a thread (Jetty's selector); a
 *       connection idle for {@code idle_timeout}, even halfway through its headers, is closed, and so is one whose
 *       request's headers trickle in for longer than {@code read_timeout} ({@link RequestReadDeadline});</li>
 *   <li>open connections without end: at most {@code max_connections} are open, further ones wait in the accept
 *       backlog ({@value #BACKLOG}) until one closes;</li>
 *   <li>exhaust memory with exports: heavy requests are bounded ({@link HeavyRequestLimit}: 503 beyond);</li>
 *   <li>get an HTML page: every error the server itself emits is JSON ({@link JsonErrorHandler}).</li>
 * </ul>
 * Replies of GET and POST requests are gzip-compressed when the client sends {@code Accept-Encoding: gzip} and the
 * reply has at least {@value #MIN_GZIP_BYTES} bytes (Jetty's {@link GzipHandler}): {@code /metrics}, the JSON API,
 * the page's files and the JSON errors alike.
 * Handler threads: at most {@value #MAX_THREADS} (daemon, named {@code analytics-http-N}), including the acceptor
 * and selector; the engine's recording path is never touched (the server only runs queries). Replies are sent with
 * TCP_NODELAY, so a kept-alive connection costs no delayed-ACK wait.
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
    static final int MAX_THREADS = 16;
    private static final int MIN_THREADS = 2;
    private static final int BACKLOG = 64;
    /** Replies shorter than this are sent uncompressed (gzip's header and trailer alone are 18 bytes). */
    static final int MIN_GZIP_BYTES = 256;
    private static final long CLOSE_WAIT_MS = 5_000;

    private final Server server;
    private final ServerConnector connector;
    private final HeavyRequestLimit heavy;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AnalyticsHttpServer(
        final Server server, final ServerConnector connector, final HeavyRequestLimit heavy, final String host)
    {
        this.server = server;
        this.connector = connector;
        this.heavy = heavy;
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
        final HttpRefusals refusals = new HttpRefusals();
        return start(routes(queries, () -> healthFacts(engineFacts, refusals)), settings, refusals);
    }

    /** Starts a server over {@code routes} (the tests' way to add a slow endpoint). */
    static AnalyticsHttpServer start(
        final Map<String, Endpoint> routes, final HttpSettings settings, final HttpRefusals refusals)
        throws IOException
    {
        final InetSocketAddress address = new InetSocketAddress(settings.bind(), settings.port());
        if (address.isUnresolved())
        {
            throw new UnknownHostException("cannot resolve the bind address '" + settings.bind() + "'");
        }
        final Router router = new Router(routes, BearerAuth.of(settings.bearerToken()), TokenGatePage.load(),
            settings.maxRequestBytes());
        final Server server = new Server(threadPool());
        final Scheduler scheduler = new ScheduledExecutorScheduler("analytics-http-scheduler", true);
        final ServerConnector connector = connector(server, scheduler, settings);
        connector.addBean(new RequestReadDeadline(scheduler, settings.readTimeout(), refusals));
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(settings.maxConnections(), server));
        server.setErrorHandler(new JsonErrorHandler(refusals, settings.maxRequestBytes()));
        final HeavyRequestLimit heavy = new HeavyRequestLimit(router, settings.maxConcurrentHeavyRequests(),
            settings.maxQueuedHeavyRequests(), settings.idleTimeout(), refusals);
        server.setHandler(new GracefulHandler(gzip(heavy)));
        server.setStopTimeout(CLOSE_WAIT_MS);
        startOrThrow(server, address);
        return new AnalyticsHttpServer(server, connector, heavy, settings.bind());
    }

    /**
     * @return Jetty's gzip handler around {@code handler}: a GET or POST reply of at least {@value #MIN_GZIP_BYTES}
     *         bytes is compressed when the request says {@code Accept-Encoding: gzip} ({@code Content-Encoding: gzip},
     *         {@code Vary: Accept-Encoding}); everything else passes as it is.
     */
    private static GzipHandler gzip(final Handler handler)
    {
        final GzipHandler gzip = new GzipHandler(handler);
        gzip.setIncludedMethods("GET", "POST");
        gzip.setMinGzipSize(MIN_GZIP_BYTES);
        return gzip;
    }

    private static QueuedThreadPool threadPool()
    {
        final QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        pool.setName("analytics-http");
        pool.setDaemon(true);
        pool.setReservedThreads(0);
        return pool;
    }

    private static ServerConnector connector(final Server server, final Scheduler scheduler, final HttpSettings settings)
    {
        final HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(settings.maxRequestBytes() + HttpSettings.HEADER_ALLOWANCE_BYTES);
        // the router matches the raw path against a fixed list; an ambiguous one is simply a 404, never a 400
        http.setUriCompliance(UriCompliance.UNSAFE);
        final ServerConnector connector = new ServerConnector(server, null, scheduler, null, 1, 1,
            new HttpConnectionFactory(http));
        connector.setHost(settings.bind());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        connector.setAcceptQueueSize(BACKLOG);
        connector.setAcceptedTcpNoDelay(true);
        return connector;
    }

    /** Starts {@code server}; a failure to bind is the {@link BindException} itself (e.g. "Address already in use"). */
    private static void startOrThrow(final Server server, final InetSocketAddress address) throws IOException
    {
        try
        {
            server.start();
        }
        catch (final Exception ex)
        {
            stopQuietly(server);
            for (Throwable cause = ex; cause != null; cause = cause.getCause())
            {
                if (cause instanceof BindException bind)
                {
                    throw bind;
                }
            }
            if (ex instanceof IOException io)
            {
                throw io;
            }
            if (ex instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            throw new IOException("cannot start the HTTP server on " + address + ": " + ex.getMessage(), ex);
        }
    }

    private static Map<String, Endpoint> routes(
        final AnalyticsQueries queries, final Supplier<Map<String, Object>> facts)
    {
        final Map<String, Endpoint> routes = new LinkedHashMap<>(StaticResources.files());
        routes.put("/metrics", new MetricsEndpoint(queries));
        routes.put("/api/dashboard", new DashboardEndpoint(queries));
        routes.put("/api/panels", new PanelsEndpoint(queries));
        routes.put("/api/catalog", new CatalogEndpoint(queries));
        routes.put("/api/query", new QueryEndpoint(queries));
        routes.put("/api/export", new ExportEndpoint(queries));
        routes.put("/api/health", new HealthEndpoint(queries, facts));
        routes.put("/api/alerts", new AlertsEndpoint(queries));
        routes.put("/api/v1/query", new PromQueryEndpoint(queries, false));
        routes.put("/api/v1/query_range", new PromQueryEndpoint(queries, true));
        routes.put("/api/v1/series", new PromSeriesEndpoint(queries));
        routes.put("/api/v1/labels", new PromLabelsEndpoint(queries, false));
        routes.put(Router.LABEL_VALUES, new PromLabelsEndpoint(queries, true));
        routes.put("/api/v1/metadata", new PromMetadataEndpoint(queries));
        routes.put("/api/v1/status/buildinfo", new PromStaticEndpoint(PromStaticEndpoint.BUILD_INFO));
        routes.put("/api/v1/query_exemplars", new PromStaticEndpoint("[]"));
        return routes;
    }

    private static Map<String, Object> healthFacts(
        final Supplier<Map<String, Object>> engineFacts, final HttpRefusals refusals)
    {
        final Map<String, Object> facts = new LinkedHashMap<>(engineFacts.get());
        facts.putAll(refusals.facts());
        return facts;
    }

    /** @return the port the server listens on (the one chosen when the settings said 0). */
    public int port()
    {
        return connector.getLocalPort();
    }

    /** @return the heavy requests waiting for their turn now. */
    int queuedHeavyRequests()
    {
        return heavy.getSuspendedRequestCount();
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
        if (closed.compareAndSet(false, true))
        {
            stopQuietly(server);
        }
    }

    private static void stopQuietly(final Server server)
    {
        try
        {
            server.stop();
        }
        catch (final Exception ex)
        {
            LoggerFactory.getLogger(AnalyticsHttpServer.class).warn("stopping the HTTP server: {}",
                ex.toString());
        }
    }
}
