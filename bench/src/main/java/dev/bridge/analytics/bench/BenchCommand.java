package dev.bridge.analytics.bench;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.bench.querybench.QueryLoop;
import dev.bridge.analytics.bench.querybench.QueryLoopIntervalConverter;
import dev.bridge.analytics.bench.querybench.QueryLoopReport;
import dev.bridge.analytics.cli.ConfigStoreOptions;
import dev.bridge.analytics.cli.DurationConverter;
import dev.bridge.analytics.cli.ExitCodes;
import dev.bridge.analytics.cli.RemoteWriteOptions;
import dev.bridge.analytics.cli.StopSignal;
import dev.bridge.analytics.cli.StoreDirectories;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.EngineSettings;
import dev.bridge.analytics.config.HttpSettings;
import dev.bridge.analytics.config.WaitStrategyType;
import dev.bridge.analytics.http.AnalyticsHttpServer;
import dev.bridge.analytics.http.EngineHealth;
import dev.bridge.analytics.store.DirectoryTrees;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code analytics bench}: the load run. Starts an engine on a store, drives the synthetic DSPex workload from N
 * producer threads, verifies that every event sent is in the store (exactly, per series), measures throughput,
 * publish cost, CPU and allocation, runs the Prometheus peer baseline ({@link PeerRun}: the same producers and
 * events into Prometheus client_java), and prints the summary (and JSON). With
 * {@code --serve} the engine's HTTP endpoint and dashboard page run during the load run and, after the summary, until
 * Ctrl-C.
 * <p>
 * Thread-safety: picocli creates one instance per command line; {@link #call()} runs once on the calling thread.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Load run: publishes a synthetic DSPex bridge workload into the engine, verifies that no event is " +
        "lost and reports throughput, publish cost, CPU per event, allocation and the ratio to Prometheus client_java " +
        "recording the same events from the same producers.")
public final class BenchCommand implements Callable<Integer>
{

    @Spec
    private CommandSpec spec;

    /** Set by the calling thread when a signal ended the load run early. */
    private boolean stoppedBySignal;

    @Mixin
    private ConfigStoreOptions configStore;

    @Option(names = "--producers", paramLabel = "N", defaultValue = "1",
        description = "Producer threads (default: ${DEFAULT-VALUE}); each publishes into its own ring (up to engine.max_producer_threads).")
    private int producers;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Length length = new Length();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    private Path json;

    @Option(names = "--wait-strategy", paramLabel = "S", converter = WaitStrategyConverter.class,
        description = "blocking, sleeping, yielding or busy_spin (default: the configuration's).")
    private WaitStrategyType waitStrategy;

    @Option(names = "--ring-size", paramLabel = "N", description = "Slots of the shared ring of threads beyond engine.max_producer_threads, a power of two (default: the configuration's).")
    private Integer ringSize;

    @Option(names = "--no-baseline",
        description = "Skip the peer baseline (the same producers and events recorded into Prometheus client_java).")
    private boolean noBaseline;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    private boolean quiet;

    @Option(names = "--warmup-events", paramLabel = "N", defaultValue = "1000000",
        description = "Warm-up events over all producers, verified but not timed; capped at 1 s (default: ${DEFAULT-VALUE}).")
    private long warmUpEvents;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the workload tables.")
    private long seed;

    @Option(names = "--query-loop", paramLabel = "INTERVAL", arity = "0..1", fallbackValue = "0",
        converter = QueryLoopIntervalConverter.class,
        description = "Run dashboard(LAST_MINUTE) on one more thread during the timed window: back to back, or one " +
            "every INTERVAL (--query-loop=10ms); the report adds how many ran and their latency.")
    private Duration queryLoop;

    @Option(names = "--serve", paramLabel = "PORT", arity = "0..1", fallbackValue = "-1",
        description = "Serve the dashboard page and the API on the engine during the load run (on PORT, 0 for any " +
            "free one; default: the configuration's http.port; bind address and token from its http section), and " +
            "after the verdict keep serving the run's store until Ctrl-C (the peer baseline then runs while it serves).")
    private Integer serve;

    @CommandLine.Mixin
    private RemoteWriteOptions remoteWrite = new RemoteWriteOptions();

    /** Either a duration or a number of events. */
    static final class Length
    {
        @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Timed window: 30s, 500ms, 2m (default: 10s).")
        Duration duration;

        @Option(names = "--events", paramLabel = "N", description = "Timed events over all producers, instead of a duration.")
        Long events;
    }

    @Override
    public Integer call() throws Exception
    {
        validate();
        final EngineConfig base = configStore.loadConfig();
        final Path store = configStore.store();
        StoreDirectories.requireDirectoryOrNothing(store);
        final boolean keepStore = store != null;
        final Path storeDir = keepStore ? Files.createDirectories(store) : Files.createTempDirectory("analytics-bench-");
        // Ctrl-C or SIGTERM stops the producers; the signal holds the JVM's shutdown until what they sent is verified,
        // the engine closed (ring drained, everything committed) and a temporary store deleted. --serve waits for it.
        try (StopSignal stop = StopSignal.onShutdown())
        {
            try
            {
                final EngineConfig effective;
                try
                {
                    effective = remoteWrite.apply(base.withDataDirectory(storeDir).withEngine(this::override));
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                        "analytics " + spec.name() + ": " + ex.getMessage(), ex);
                }
                return run(effective, storeDir, keepStore, stop);
            }
            finally
            {
                if (!keepStore)
                {
                    deleteRecursively(storeDir);
                }
            }
        }
    }

    private int run(
        final EngineConfig effective, final Path storeDir, final boolean keepStore, final StopSignal stop)
        throws Exception
    {
        final EngineSettings settings = effective.engine();
        final RunSettings runSettings = new RunSettings(producers, effective.source(), storeDir.toString(), keepStore,
            settings, RunSettings.currentJdk(), Runtime.getRuntime().availableProcessors());
        final Progress progress = new Progress(System.err, quiet);
        final Duration duration = length.events == null ?
            (length.duration == null ? Duration.ofSeconds(10) : length.duration) : null;
        final QueryLoop loop = queryLoop == null ? null : new QueryLoop(queryLoop);
        final EngineRun engineRun = new EngineRun(producers, duration, length.events, warmUpEvents, seed, progress)
            .withQueryLoop(loop);
        stop.onStop(engineRun::stop);
        final LoadResult load;
        final long startNs = System.nanoTime();
        final AnalyticsEngine started = AnalyticsEngine.start(effective); // a StoreException ends the command with 2
        final AnalyticsHttpServer http;
        try
        {
            http = startServing(started, effective.http());
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            started.close();
            final PrintWriter err = spec.commandLine().getErr();
            err.println("analytics bench: --serve: cannot listen on " + effective.http().bind() + ": " + ex.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        // closed in reverse order: the server, then the engine
        try (AnalyticsEngine engine = started; AnalyticsHttpServer server = http)
        {
            progress.note(String.format("engine started in %.2f s (store %s)", (System.nanoTime() - startNs) / 1e9, storeDir));
            load = engineRun.run(engine);
            if (engineRun.stopped())
            {
                stoppedBySignal = true;
                progress.note("stopped by a signal: the producers stopped; verifying what they sent (no baseline)");
            }
            if (server != null)
            {
                return reportAndServe(load, effective, runSettings, loop, progress, server, stop);
            }
            progress.note("load run done; closing the engine");
        }
        progress.note(String.format("engine closed, %.2f s since start", (System.nanoTime() - startNs) / 1e9));
        if (started.remoteWriteCounts().isPresent())
        {
            final PrintWriter err = spec.commandLine().getErr(); // also under --quiet: it is a result of the run
            err.println("analytics bench: " + RemoteWriteOptions.summary(started.remoteWriteCounts().get()));
            err.flush();
        }
        return report(load, effective, runSettings, loop, progress);
    }

    /** Starts the HTTP server of {@code --serve} on the engine, or returns null without the option. */
    private AnalyticsHttpServer startServing(final AnalyticsEngine engine, final HttpSettings configured) throws IOException
    {
        if (serve == null)
        {
            return null;
        }
        final AnalyticsHttpServer server = AnalyticsHttpServer.start(engine.queries(),
            serve < 0 ? configured : configured.withPort(serve), EngineHealth.of(engine));
        final PrintWriter err = spec.commandLine().getErr();
        err.println("analytics bench: dashboard at " + server.url() + " during the run, and after it until Ctrl-C");
        err.flush();
        return server;
    }

    /** {@code --serve}: the report while the engine stays open, then serving until Ctrl-C (or an interrupt). */
    private int reportAndServe(
        final LoadResult load, final EngineConfig effective, final RunSettings runSettings, final QueryLoop loop,
        final Progress progress, final AnalyticsHttpServer server, final StopSignal stop) throws Exception
    {
        final int exit = report(load, effective, runSettings, loop, progress);
        final PrintWriter err = spec.commandLine().getErr();
        err.println("analytics bench: serving the run's store at " + server.url() + " until Ctrl-C");
        err.flush();
        stop.await();
        return exit;
    }

    /** Runs the peer baseline and prints the report (and JSON); returns the verdict's exit code. */
    private int report(
        final LoadResult load, final EngineConfig effective, final RunSettings runSettings, final QueryLoop loop,
        final Progress progress) throws Exception
    {
        PeerRun.Result peer = null;
        if (!noBaseline && !stoppedBySignal)
        {
            progress.note("peer baseline: Prometheus client_java, the same " + load.timedEvents() + " events...");
            peer = PeerRun.run(effective, load.tables(), load.warmUpPerProducer(), load.timedPerProducer());
        }
        final BenchResult result = new BenchResult(runSettings, load, peer);
        final PrintWriter out = spec.commandLine().getOut();
        out.print(BenchReport.text(result));
        final QueryLoop.Result loopResult = loop == null ? null : loop.stop();
        if (loopResult != null)
        {
            out.print(QueryLoopReport.text(loopResult));
        }
        out.flush();
        if (json != null && loopResult != null)
        {
            QueryLoopReport.writeJson(BenchReport.json(result), loopResult, json);
        }
        else if (json != null)
        {
            BenchReport.writeJson(result, json);
        }
        return result.passed() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
    }

    private void validate()
    {
        if (producers < 1)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--producers must be >= 1, was " + producers);
        }
        if (length.events != null && length.events < 1)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--events must be >= 1, was " + length.events);
        }
        if (warmUpEvents < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmup-events must be >= 0, was " + warmUpEvents);
        }
        if (serve != null && (serve < -1 || serve > 65535))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--serve port must be in 0..65535, was " + serve);
        }
    }

    private EngineSettings.Builder override(final EngineSettings.Builder b)
    {
        if (waitStrategy != null)
        {
            b.waitStrategy(waitStrategy);
        }
        if (ringSize != null)
        {
            b.ringSize(ringSize);
        }
        return b;
    }

    private static void deleteRecursively(final Path dir) throws IOException
    {
        DirectoryTrees.delete(dir);
    }
}
