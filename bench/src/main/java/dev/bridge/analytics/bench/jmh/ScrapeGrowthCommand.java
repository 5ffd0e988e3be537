package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.export.ExportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code analytics scrape-growth}: how the Prometheus text scrape's time grows from a small catalog to a large one,
 * for the engine and for Micrometer holding the same series (issue 18: 10,000 series within 25x the 500-series
 * time), measured in interleaved rounds in one JVM ({@link PairedRounds}): the growth is the median over the rounds
 * of each round's large/small ratio, so the machine's slow spells cancel. The catalogs are
 * {@link ExpositionCatalog#ofSeries}'s, filled as {@code ScaleBenchmark} fills them. Prints one markdown table and
 * returns 0. Thread-safety: one instance per command line, {@link #call()} runs once, on one thread.
 */
@Command(
    name = "scrape-growth",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Scrape time at a small and a large catalog, engine and Micrometer, in interleaved rounds.")
public final class ScrapeGrowthCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--small", paramLabel = "N", defaultValue = "500",
        description = "Series of the small catalog, a multiple of 10 (default: ${DEFAULT-VALUE}).")
    private int small;

    @Option(names = "--large", paramLabel = "N", defaultValue = "10000",
        description = "Series of the large catalog, a multiple of 10 (default: ${DEFAULT-VALUE}).")
    private int large;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "31",
        description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--warmup-rounds", paramLabel = "N", defaultValue = "10",
        description = "Rounds run first and not reported (default: ${DEFAULT-VALUE}).")
    private int warmupRounds;

    @Option(names = "--round-time", paramLabel = "DURATION", defaultValue = "PT0.5S",
        description = "Time each operation runs per round, ISO-8601 (default: 0.5 s).")
    private Duration roundTime;

    @Option(names = "--store-entries", paramLabel = "N", defaultValue = "1000000",
        description = "The engines' store_entries, as ScaleBenchmark's (default: ${DEFAULT-VALUE}).")
    private long storeEntries;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (small < 1 || large <= small || rounds < 1 || warmupRounds < 0 || roundTime.isNegative() || roundTime.isZero())
        {
            throw new ParameterException(spec.commandLine(), "need 0 < --small < --large, --rounds >= 1, " +
                "--warmup-rounds >= 0 and a positive --round-time; got " + small + ", " + large + ", " + rounds +
                ", " + warmupRounds + ", " + roundTime);
        }
        final ExpositionCatalog smallCatalog = catalog(small, "--small");
        final ExpositionCatalog largeCatalog = catalog(large, "--large");
        try (CatalogEngine smallEngine = filled(smallCatalog);
             CatalogEngine largeEngine = filled(largeCatalog);
             CatalogMicrometer smallMicrometer = new CatalogMicrometer(smallCatalog);
             CatalogMicrometer largeMicrometer = new CatalogMicrometer(largeCatalog))
        {
            final PairedRounds paired = new PairedRounds(
                List.of("engine " + small, "engine " + large, "micrometer " + small, "micrometer " + large),
                List.of(() -> smallEngine.scrape(ExportFormat.PROMETHEUS), () -> largeEngine.scrape(ExportFormat.PROMETHEUS),
                    smallMicrometer::scrape, largeMicrometer::scrape),
                System::nanoTime);
            paired.run(warmupRounds, roundTime.toNanos());
            out.println(report(paired.run(rounds, roundTime.toNanos())));
        }
        out.flush();
        return 0;
    }

    private ExpositionCatalog catalog(final int series, final String option)
    {
        try
        {
            return ExpositionCatalog.ofSeries(series);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), option + ": " + ex.getMessage());
        }
    }

    private CatalogEngine filled(final ExpositionCatalog catalog) throws IOException
    {
        final CatalogEngine engine = new CatalogEngine(catalog, storeEntries, System::currentTimeMillis);
        catalog.recordInto(engine.engine(), ExpositionCatalog.VALUES_PER_HISTOGRAM);
        engine.engine().flush();
        return engine;
    }

    /** @return the markdown table of {@code nanos} ({@code [engine small, engine large, micrometer small, large][round]}). */
    String report(final double[][] nanos)
    {
        final double engineGrowth = PairedRounds.median(PairedRounds.ratios(nanos[1], nanos[0]));
        final double micrometerGrowth = PairedRounds.median(PairedRounds.ratios(nanos[3], nanos[2]));
        final StringBuilder table = new StringBuilder()
            .append(String.format(Locale.ROOT, "%d rounds of %d ms per scrape, interleaved; medians%n%n", nanos[0].length,
                roundTime.toMillis()))
            .append("| | ").append(String.format(Locale.ROOT, "%,d", small)).append(" series us | ")
            .append(String.format(Locale.ROOT, "%,d", large)).append(" series us | growth (median of per-round ratios) |\n")
            .append("|---|---:|---:|---:|\n");
        row(table, "engine", nanos[0], nanos[1], engineGrowth);
        row(table, "Micrometer", nanos[2], nanos[3], micrometerGrowth);
        table.append(String.format(Locale.ROOT, "| engine / Micrometer | %.2fx | %.2fx | |%n",
            PairedRounds.median(PairedRounds.ratios(nanos[0], nanos[2])),
            PairedRounds.median(PairedRounds.ratios(nanos[1], nanos[3]))));
        return table.toString();
    }

    private static void row(final StringBuilder table, final String name, final double[] small, final double[] large,
        final double growth)
    {
        table.append(String.format(Locale.ROOT, "| %s | %,.1f | %,.1f | %.1fx |%n", name, PairedRounds.median(small) / 1000,
            PairedRounds.median(large) / 1000, growth));
    }
}
