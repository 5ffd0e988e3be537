package dev.bridge.analytics.bench.memory;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.series.SeriesRegistry;
import dev.bridge.analytics.store.DirectoryTrees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code analytics memory-bench}: the memory that N labelled series of one type take after an hour of simulated
 * traffic, in the engine and in Prometheus client_java and Micrometer holding the same series fed the same values
 * (issue 18, item 1). For each N, each holder is built in this JVM after full collections and measured against the
 * JVM before it: heap after collections, direct and mapped buffers, the store's files on disk (engine), and the
 * resident set's growth. Prints one table (markdown) and returns 0. Run with a heap large enough for the largest N
 * (the engine's histograms are on-heap). Thread-safety: one instance per command line, {@link #call()} runs once.
 */
@Command(
    name = "memory-bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Memory per series after an hour of simulated traffic: the engine beside client_java and Micrometer.")
public final class MemoryBenchCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--series", paramLabel = "N,...", split = ",", defaultValue = "10,100,1000,10000",
        description = "Series counts to measure (default: ${DEFAULT-VALUE}).")
    private List<Integer> seriesCounts;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "HISTOGRAM",
        description = "histogram, counter or gauge (default: histogram).", converter = KindConverter.class)
    private SeriesHolders.Kind kind;

    @Option(names = "--minutes", paramLabel = "N", defaultValue = "60",
        description = "Minutes of simulated traffic (default: ${DEFAULT-VALUE}).")
    private int minutes;

    @Option(names = "--no-peers", description = "Measure the engine only.")
    private boolean noPeers;

    @Option(names = "--flood", paramLabel = "K", defaultValue = "0",
        description = "Then send K new label values past the cardinality limit (the first --series count) and " +
            "report the engine's growth (issue 18, item 3).")
    private int flood;

    /** Reads a series kind case-insensitively. */
    static final class KindConverter implements picocli.CommandLine.ITypeConverter<SeriesHolders.Kind>
    {
        @Override
        public SeriesHolders.Kind convert(final String value)
        {
            return SeriesHolders.Kind.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (minutes < 1 || seriesCounts.stream().anyMatch(n -> n < 1))
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--minutes and every --series count must be at least 1");
        }
        final List<MemoryFigures> rows = new ArrayList<>();
        for (final int n : seriesCounts)
        {
            final Path dir = Files.createTempDirectory("memory-bench-");
            try
            {
                rows.add(measure("engine", n, dir, () -> SeriesHolders.engine(kind, n, minutes, dir, 42)));
            }
            finally
            {
                DirectoryTrees.delete(dir);
            }
            if (!noPeers)
            {
                rows.add(measure("client_java", n, null, () ->
                {
                    final var registry = SeriesHolders.clientJava(kind, n, minutes, 42);
                    return registry::clear;
                }));
                rows.add(measure("micrometer", n, null, () ->
                {
                    final var registry = SeriesHolders.micrometer(kind, n, minutes, 42);
                    return registry::close;
                }));
            }
            out.flush();
        }
        out.println(table(kind, minutes, rows));
        if (flood > 0)
        {
            out.println(flood(seriesCounts.get(0)));
        }
        out.flush();
        return 0;
    }

    /**
     * @return the engine's heap, store on disk and resident set before and after {@code flood} new label values past
     *         its cardinality limit of {@code n}, and what the overflow series holds.
     */
    private String flood(final int n) throws Exception
    {
        final Path dir = Files.createTempDirectory("memory-bench-flood-");
        try (AnalyticsEngine engine = SeriesHolders.engine(kind, n, minutes, dir, 42))
        {
            final long heap0 = MemoryProbe.heapAfterGc();
            final long disk0 = MemoryProbe.diskBytes(dir);
            final long rss0 = MemoryProbe.residentBytes();
            final long overflowed0 = engine.selfMetric(SelfMetric.SERIES_OVERFLOWED);
            SeriesHolders.flood(engine, kind, n, flood);
            final long heap1 = MemoryProbe.heapAfterGc();
            final long disk1 = MemoryProbe.diskBytes(dir);
            final long rss1 = MemoryProbe.residentBytes();
            final String metric = switch (kind)
            {
                case HISTOGRAM -> "request_latency_us";
                case COUNTER -> "requests";
                case GAUGE -> "queue_depth";
            };
            final long inOverflow = engine.queries().stats(metric, Map.of("endpoint",
                SeriesRegistry.OVERFLOW_VALUE), TimeRange.ALL).count();
            final long overflowed = engine.selfMetric(SelfMetric.SERIES_OVERFLOWED)
                - overflowed0;
            final long series = engine.queries().series().stream().filter(s -> s.metric().name().equals(metric)).count();
            return String.format(Locale.ROOT, "%nFlood: %,d new label values past the limit of %,d %s series"
                + "%n- heap %s -> %s (%+.1f%%), store on disk %s -> %s, RSS %s -> %s"
                + "%n- series of the metric: %,d (the limit plus the overflow series); values in the overflow series: %,d; "
                + "resolutions counted in engine_series_overflowed: %,d%n",
                flood, n, kind.name().toLowerCase(Locale.ROOT), mb(heap0), mb(heap1),
                100.0 * (heap1 - heap0) / heap0, mb(disk0), mb(disk1), mb(rss0), mb(rss1), series, inOverflow, overflowed);
        }
        finally
        {
            DirectoryTrees.delete(dir);
        }
    }

    /** Builds a holder. */
    @FunctionalInterface
    interface Build
    {
        AutoCloseable build() throws Exception;
    }

    /** @return the figures of the holder {@code build} makes, measured while it is open. */
    static MemoryFigures measure(final String holder, final int n, final Path dir, final Build build) throws Exception
    {
        final long heap0 = MemoryProbe.heapAfterGc();
        final long direct0 = MemoryProbe.bufferPool("direct");
        final long mapped0 = MemoryProbe.bufferPool("mapped");
        final long rss0 = MemoryProbe.residentBytes();
        try (AutoCloseable held = build.build())
        {
            final long heap = MemoryProbe.heapAfterGc() - heap0;
            final long rss = MemoryProbe.residentBytes();
            return new MemoryFigures(holder, n, heap, MemoryProbe.bufferPool("direct") - direct0,
                MemoryProbe.bufferPool("mapped") - mapped0, dir == null ? 0 : MemoryProbe.diskBytes(dir),
                rss < 0 || rss0 < 0 ? Long.MIN_VALUE : rss - rss0);
        }
    }

    /** @return the figures as a markdown table. */
    static String table(final SeriesHolders.Kind kind, final int minutes, final List<MemoryFigures> rows)
    {
        final StringBuilder t = new StringBuilder();
        t.append("Memory of labelled ").append(kind.name().toLowerCase(Locale.ROOT))
            .append(" series after ").append(minutes).append(" simulated minutes (")
            .append(SeriesHolders.VALUES_PER_MINUTE).append(" values per series and minute)\n\n")
            .append("| holder | series | heap | heap per series | direct | mapped | store on disk | RSS growth |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final MemoryFigures r : rows)
        {
            t.append("| ").append(r.holder()).append(" | ").append(String.format("%,d", r.series()))
                .append(" | ").append(mb(r.heapBytes())).append(" | ").append(kb(r.heapPerSeries()))
                .append(" | ").append(mb(r.directBytes())).append(" | ").append(mb(r.mappedBytes()))
                .append(" | ").append(mb(r.diskBytes())).append(" | ")
                .append(r.rssBytes() == Long.MIN_VALUE ? "-" : mb(r.rssBytes())).append(" |\n");
        }
        return t.toString();
    }

    private static String mb(final long bytes)
    {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static String kb(final long bytes)
    {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}
