package dev.bridge.analytics.cli;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.ConfigException;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.HttpSettings;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.StatsdListenerSettings;
import dev.bridge.analytics.config.StatsdUnmappedPolicy;
import dev.bridge.analytics.http.AnalyticsHttpServer;
import dev.bridge.analytics.http.EngineHealth;
import dev.bridge.analytics.ingest.statsd.StatsdCatalog;
import dev.bridge.analytics.ingest.statsd.StatsdListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code analytics serve}: starts the engine with the configuration and its HTTP endpoint ({@code /metrics}, the JSON
 * API, the dashboard page; see {@link AnalyticsHttpServer}), prints the page's URL and runs until Ctrl-C, when it
 * closes the server, then the engine (everything published is committed). The {@code http:} section of the
 * configuration gives the bind address, port and token; the options override them. With {@code statsd.enabled} (the
 * default) a {@link StatsdListener} takes StatsD/DogStatsD datagrams on {@code statsd.bind:port} (or
 * {@code --statsd-port}) from start to stop, closed before the engine. Exit codes are those of {@link ExitCodes}: 2 when
 * the configuration is invalid, the store cannot be opened or an address cannot be bound.
 * <p>
 * Shutdown (Ctrl-C, SIGTERM, an interrupt) loses nothing accepted: the StatsD listener stops taking datagrams and
 * publishes its last counts, the HTTP server stops, then the engine drains its ring and commits every bucket, and only
 * then does the shutdown hook let the JVM exit (the store's maps are built without Chronicle's own close-on-exit
 * hook, which used to close them under the last commit). A JVM stopped by a signal exits with 128 + the signal once
 * that is done: 130 for Ctrl-C, 143 for SIGTERM; an interrupt of the serving thread returns 0.
 * <p>
 * Thread-safety: picocli creates one instance per command line; {@link #call()} runs once on the calling thread,
 * which waits until the JVM shuts down (Ctrl-C, SIGTERM) or the thread is interrupted (which stops it the same way).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Runs the engine with its HTTP endpoint: /metrics (Prometheus text or OpenMetrics), /api/... (JSON) " +
        "and the live dashboard page at /, until Ctrl-C.")
public final class ServeCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigStoreOptions configStore;

    @Option(names = "--bind", paramLabel = "ADDRESS",
        description = "Address to listen on (default: the configuration's http.bind, 127.0.0.1).")
    private String bind;

    @Option(names = "--port", paramLabel = "N",
        description = "TCP port, 0 for any free one (default: the configuration's http.port, 9464).")
    private Integer port;

    @Option(names = "--token", paramLabel = "TOKEN",
        description = "Bearer token every request must send (default: the configuration's http.bearer_token). " +
            "Other users can see a command line: prefer the configuration file.")
    private String token;

    @Option(names = "--statsd-port", paramLabel = "N",
        description = "UDP port of the StatsD/DogStatsD listener, 0 for any free one (default: the configuration's " +
            "statsd.port, 8125; statsd.enabled: false turns the listener off).")
    private Integer statsdPort;

    @CommandLine.Mixin
    private RemoteWriteOptions remoteWrite = new RemoteWriteOptions();

    /**
     * @return what the listener records into beside the catalog: its counts ({@code statsd_lines},
     *         {@code statsd_datagrams}) and, under {@code unmapped: auto_register}, the catch-all metrics the
     *         catalog does not declare itself.
     */
    static List<MetricDefinition> statsdMetrics(final StatsdListenerSettings statsd)
    {
        final List<MetricDefinition> metrics = new ArrayList<>(StatsdCatalog.selfMetrics());
        if (statsd.unmapped() == StatsdUnmappedPolicy.AUTO_REGISTER)
        {
            metrics.addAll(StatsdCatalog.autoRegisterMetrics(statsd.autoRegister()));
        }
        return metrics;
    }

    @Override
    public Integer call() throws ConfigException
    {
        final PrintWriter err = spec.commandLine().getErr();
        if (port != null && (port < 0 || port > 65535))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be in 0..65535, was " + port);
        }
        if (statsdPort != null && (statsdPort < 0 || statsdPort > 65535))
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--statsd-port must be in 0..65535, was " + statsdPort);
        }
        final EngineConfig loaded = configStore.loadConfig(); // a ConfigException ends the command with 2
        final Path store = configStore.store();
        StoreDirectories.requireDirectoryOrNothing(store);
        final EngineConfig effective;
        final HttpSettings http;
        final StatsdListenerSettings statsd;
        try
        {
            final EngineConfig stored = remoteWrite.apply(store == null ? loaded : loaded.withDataDirectory(store));
            statsd = statsdPort == null ? stored.statsd() : stored.statsd().withPort(statsdPort);
            effective = statsd.enabled() ? stored.withMetricsAdded(statsdMetrics(statsd)) : stored;
            http = httpSettings(effective.http());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "analytics " + spec.name() + ": " + ex.getMessage(), ex);
        }
        StoreDirectories.requireDirectoryOrNothing(effective.engine().dataDirectory());
        final AnalyticsEngine engine = AnalyticsEngine.start(effective); // a StoreException ends the command with 2
        // closed in reverse order: the StatsD listener (stops taking datagrams, publishes its last counts), the HTTP
        // server, the engine (drains the ring, commits every bucket), then the signal: a shutdown hook (Ctrl-C,
        // SIGTERM) lets the JVM exit only after all that and the lines below
        try (StopSignal stop = StopSignal.onShutdown())
        {
            try (engine)
            {
                final AnalyticsHttpServer server;
                try
                {
                    server = AnalyticsHttpServer.start(engine.queries(), http, EngineHealth.of(engine));
                }
                catch (final IOException ex)
                {
                    return fail(err, "analytics serve: cannot listen on " + http.bind() + ":" + http.port() + ": " +
                        ex.getMessage());
                }
                final StatsdListener listener;
                try
                {
                    listener = statsd.enabled() ? StatsdListener.start(engine, statsd) : null;
                }
                catch (final IOException ex)
                {
                    server.close();
                    return fail(err, "analytics serve: cannot listen for StatsD on udp://" + statsd.bind() + ":" +
                        statsd.port() + ": " + ex.getMessage());
                }
                try (server; listener)
                {
                    final PrintWriter out = spec.commandLine().getOut();
                    out.println("analytics serve: " + server.url() + " (store " + effective.engine().dataDirectory() +
                        (http.bearerToken() == null ? "" : "; open the page as " + server.url() + "#token=<token>") +
                        "); Ctrl-C stops");
                    if (listener != null)
                    {
                        out.println("analytics serve: StatsD/DogStatsD on udp://" + listener.localAddress().getHostString() +
                            ":" + listener.localAddress().getPort() + " (receive buffer " + listener.receiveBufferBytes() +
                            " B effective, " + listener.requestedReceiveBufferBytes() + " B requested)");
                    }
                    if (engine.remoteWriteCounts().isPresent())
                    {
                        out.println("analytics serve: remote write to " + effective.export().remoteWrite().url() + " every " +
                            effective.export().remoteWrite().interval().toSeconds() + " s");
                    }
                    out.flush();
                    stop.await();
                }
            }
            err.println("analytics serve: stopped; the server and the engine are closed");
            if (engine.remoteWriteCounts().isPresent())
            {
                err.println("analytics serve: " + RemoteWriteOptions.summary(engine.remoteWriteCounts().get()));
            }
            err.flush();
        }
        return ExitCodes.OK;
    }

    private HttpSettings httpSettings(final HttpSettings configured)
    {
        HttpSettings http = configured;
        if (bind != null)
        {
            http = http.withBind(bind);
        }
        if (port != null)
        {
            http = http.withPort(port);
        }
        if (token != null)
        {
            http = http.withBearerToken(token);
        }
        return http;
    }

    private static int fail(final PrintWriter err, final String message)
    {
        err.println(message);
        err.flush();
        return ExitCodes.USAGE;
    }
}
