package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.export.ExportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code analytics query export}: every series of a store over a range in one of the export formats
 * (Prometheus text, OpenMetrics, JSON, CSV, StatsD, DogStatsD), from one snapshot, on stdout or into
 * {@code --output FILE} (the exact UTF-8 bytes). The range defaults to {@code all} (what a Prometheus scrape
 * reads). {@code --json} does not apply: use {@code --format json}.
 * Thread-safety: one instance per command line, one thread.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Every series of a range in an export format: prometheus, openmetrics, json, csv, statsd, dogstatsd.")
public final class ExportQueryCommand extends StoreQueryCommand
{
    @Option(names = "--format", required = true, paramLabel = "F",
        description = "prometheus, openmetrics, json, csv, statsd or dogstatsd.")
    String format;

    @Option(names = "--range", paramLabel = "NAME",
        description = "all (the default: what a Prometheus scrape reads), last_minute, last_5_minutes, last_hour or last_day.")
    String rangeName;

    @Option(names = "--from", paramLabel = "TIME", converter = InstantConverter.class,
        description = "Start of an explicit range: ISO-8601 instant or epoch ms (with --to, instead of --range).")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = InstantConverter.class,
        description = "End of an explicit range (exclusive): ISO-8601 instant or epoch ms.")
    Instant to;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the export to FILE instead of stdout.")
    Path output;

    private ExportFormat exportFormat;
    private TimeRange range;

    @Override
    protected void prepare(final EngineConfig config)
    {
        exportFormat = parseFormat(format);
        range = range();
    }

    @Override
    protected String answer(final AnalyticsQueries queries, final boolean json)
    {
        if (json)
        {
            throw new QueryException("--json does not apply to export: use --format json");
        }
        if (output == null)
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
            export(queries, bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        }
        try (OutputStream file = Files.newOutputStream(output))
        {
            export(queries, file);
        }
        catch (final IOException ex)
        {
            throw new QueryException("cannot write " + output + ": " + ex.getMessage());
        }
        return "";
    }

    private void export(final AnalyticsQueries queries, final OutputStream out)
    {
        try
        {
            queries.export(exportFormat, range, out);
        }
        catch (final IOException ex)
        {
            throw new QueryException("cannot write the export: " + ex.getMessage());
        }
    }

    /** @return the range asked for: as {@link RangeOptions#range()}, but {@code all} when none is given. */
    private TimeRange range()
    {
        return RangeOptions.resolve(rangeName, from, to, TimeRange.ALL);
    }

    private static ExportFormat parseFormat(final String text)
    {
        try
        {
            return ExportFormat.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new QueryException("unknown --format '" + text + "': use " + ExportFormat.knownSpellings());
        }
    }
}
