package dev.bridge.analytics.bench.statsdload;

import dev.bridge.analytics.store.DirectoryTrees;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.cli.DurationConverter;
import dev.bridge.analytics.cli.ExitCodes;
import dev.bridge.analytics.cli.ConfigFiles;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.StatsdListenerSettings;
import dev.bridge.analytics.ingest.statsd.DatagramOutcome;
import dev.bridge.analytics.ingest.statsd.LineOutcome;
import dev.bridge.analytics.ingest.statsd.StatsdCatalog;
import dev.bridge.analytics.ingest.statsd.StatsdCounters;
import dev.bridge.analytics.ingest.statsd.StatsdListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code analytics statsd-load}: StatsD traffic over loopback into an in-process listener and engine, bounded in
 * lines and time. N sender threads send the same datagram ({@link LoadDatagrams}) as fast as the socket takes it, or
 * at {@code --rate} lines/s; the listener ({@code statsd.*} of the configuration, on 127.0.0.1 and a free port) reads
 * them on its thread. After the senders stop it waits (at most 30 s) until every datagram sent was read or dropped by
 * the kernel, closes the listener, flushes the engine and reports lines sent, parsed and accepted per second, the
 * kernel's drops ({@code /proc/net/udp}) and the app-level loss: lines neither read nor dropped by the kernel. It
 * also checks that the engine's {@code variable_read} and {@code read_latency_us} totals are what the datagrams read
 * carry. Exit 0 when nothing was lost at app level and the engine agrees; 1 otherwise; 2 for bad options or
 * configuration.
 * <p>
 * Thread-safety: picocli creates one instance per command line; {@link #call()} runs once on the calling thread.
 */
@Command(
    name = "statsd-load",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Sends StatsD traffic over loopback to an in-process listener and engine, bounded in lines and time, " +
        "and reports lines/s sent, parsed and accepted, kernel drops and app-level loss.")
public final class StatsdLoadCommand implements Callable<Integer>
{
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final long SETTLED_NS = 500_000_000L;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Engine configuration, with the statsd mappings (default: config/analytics.yaml if present, " +
            "else the bundled defaults).")
    private Path config;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "5s", converter = DurationConverter.class,
        description = "Longest sending time (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "50000000",
        description = "Most lines sent over all senders (default: ${DEFAULT-VALUE}).")
    private long lines;

    @Option(names = "--senders", paramLabel = "N", defaultValue = "1", description = "Sending threads (default: 1).")
    private int senders;

    @Option(names = "--rate", paramLabel = "LINES_PER_S", defaultValue = "0",
        description = "Lines per second over all senders, 0 for as fast as possible (default: 0).")
    private long rate;

    @Option(names = "--lines-per-datagram", paramLabel = "N", defaultValue = "40",
        description = "Lines packed in each datagram (default: ${DEFAULT-VALUE}, about 1000 bytes).")
    private int linesPerDatagram;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    private Path json;

    @Override
    public Integer call() throws Exception
    {
        validate();
        final PrintWriter out = spec.commandLine().getOut();
        final EngineConfig loaded = ConfigFiles.load(config); // a ConfigException ends the command with 2
        final LoadDatagrams datagrams = new LoadDatagrams(linesPerDatagram);
        final StatsdListenerSettings statsd = loaded.statsd().withPort(0);
        if (datagrams.bytes() > statsd.maxDatagramBytes())
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lines-per-datagram " + linesPerDatagram +
                " makes " + datagrams.bytes() + "-byte datagrams, above statsd.max_datagram_bytes (" +
                statsd.maxDatagramBytes() + ")");
        }
        final Path store = Files.createTempDirectory("analytics-statsd-load-");
        try
        {
            final EngineConfig effective = loaded.withDataDirectory(store)
                .withStatsd(new StatsdListenerSettings(true, "127.0.0.1", 0, statsd.receiveBufferBytes(),
                    statsd.maxDatagramBytes(), statsd.mappings(), statsd.unmapped(), statsd.autoRegister(),
                    statsd.nameCacheEntries()))
                .withMetricsAdded(StatsdCatalog.selfMetrics());
            final StatsdLoadResult result = run(effective, datagrams);
            new StatsdLoadReport(result).print(out);
            out.flush();
            if (json != null)
            {
                Files.writeString(json, result.toJson() + "\n", StandardCharsets.UTF_8);
            }
            return result.appLost() == 0 && !Boolean.FALSE.equals(result.engineVerified()) ?
                ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
        finally
        {
            deleteRecursively(store);
        }
    }

    private StatsdLoadResult run(final EngineConfig config, final LoadDatagrams datagrams) throws Exception
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(config))
        {
            final StatsdListener listener = StatsdListener.start(engine, config.statsd());
            final StatsdCounters counters = listener.counters();
            final long dropsBefore = Math.max(0, listener.kernelDrops());
            final long maxDatagrams = Math.max(1, lines / datagrams.lines());
            final long startNs = System.nanoTime();
            final long deadlineNs = startNs + duration.toNanos();
            final List<LoadSender> running = new ArrayList<>();
            final List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < senders; i++)
            {
                final long quota = maxDatagrams / senders + (i < maxDatagrams % senders ? 1 : 0);
                final LoadSender sender = new LoadSender(listener.localAddress(), datagrams.newBuffer(), quota,
                    deadlineNs, rate == 0 ? 0 : (double)rate / datagrams.lines() / senders);
                final Thread thread = new Thread(sender, "statsd-load-sender-" + i);
                running.add(sender);
                threads.add(thread);
                thread.start();
            }
            for (final Thread thread : threads)
            {
                thread.join();
            }
            final double sendSeconds = (System.nanoTime() - startNs) / 1e9;
            long sent = 0;
            for (final LoadSender sender : running)
            {
                if (sender.error() != null)
                {
                    throw sender.error();
                }
                sent += sender.datagramsSent();
            }
            final long lastProgressNs = drain(listener, counters, sent, dropsBefore);
            final double drainSeconds = (lastProgressNs - startNs) / 1e9;
            final long received = counters.datagrams(DatagramOutcome.PROCESSED) + counters.datagrams(DatagramOutcome.OVERSIZED);
            final long drops = listener.kernelDrops() < 0 ? -1 : listener.kernelDrops() - dropsBefore;
            listener.close();
            engine.flush();
            final long linesSent = sent * datagrams.lines();
            final long parsed = counters.lines();
            final long accepted = counters.lines(LineOutcome.ACCEPTED);
            final long appLost = linesSent - parsed - Math.max(0, drops) * datagrams.lines();
            Boolean verified = null;
            final String detail;
            if (accepted != parsed)
            {
                detail = "not checked: " + (parsed - accepted) + " lines were not accepted (the configuration's " +
                    "statsd.mappings do not map every load line): " + counters;
            }
            else
            {
                final long processed = counters.datagrams(DatagramOutcome.PROCESSED);
                final long reads = engine.queries().stats("variable_read", TimeRange.ALL).sum();
                final long latencies = engine.queries().stats("read_latency_us", TimeRange.ALL).count();
                verified = reads == processed * datagrams.readsPerDatagram() &&
                    latencies == processed * datagrams.readLatencyValuesPerDatagram();
                detail = String.format(Locale.ROOT, "variable_read total %d (expected %d), read_latency_us values %d " +
                    "(expected %d)", reads, processed * datagrams.readsPerDatagram(), latencies,
                    processed * datagrams.readLatencyValuesPerDatagram());
            }
            return new StatsdLoadResult(senders, datagrams.lines(), datagrams.bytes(), rate,
                listener.receiveBufferBytes(), sendSeconds, drainSeconds, sent, received, drops, linesSent, parsed,
                accepted, appLost, verified, detail);
        }
    }

    /**
     * Waits until every datagram sent was read or dropped by the kernel, or nothing moved for half a second, or 30 s.
     *
     * @return when the listener last made progress (System.nanoTime).
     */
    private static long drain(
        final StatsdListener listener, final StatsdCounters counters, final long sent, final long dropsBefore)
    {
        final long giveUpNs = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long lastSeen = -1;
        long lastProgressNs = System.nanoTime();
        while (true)
        {
            final long received = counters.datagrams(DatagramOutcome.PROCESSED) + counters.datagrams(DatagramOutcome.OVERSIZED);
            final long nowNs = System.nanoTime();
            if (received != lastSeen)
            {
                lastSeen = received;
                lastProgressNs = nowNs;
            }
            final long drops = Math.max(0, listener.kernelDrops() - dropsBefore);
            if (received + drops >= sent || nowNs - lastProgressNs > SETTLED_NS || nowNs - giveUpNs > 0)
            {
                return lastProgressNs;
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private void validate()
    {
        if (senders < 1 || senders > 64)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--senders must be in 1..64, was " + senders);
        }
        if (lines < 1)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lines must be >= 1, was " + lines);
        }
        if (rate < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be >= 0, was " + rate);
        }
        if (linesPerDatagram < 1 || linesPerDatagram > 1000)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--lines-per-datagram must be in 1..1000, was " + linesPerDatagram);
        }
    }

    private static void deleteRecursively(final Path dir) throws IOException
    {
        DirectoryTrees.delete(dir);
    }
}
