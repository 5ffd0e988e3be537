package dev.bridge.analytics.export;

import dev.bridge.analytics.config.StatsdFlavour;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Consumer;

/**
 * StatsD lines of a snapshot, one per line ({@code \n}-terminated), Etsy or DogStatsD ({@link StatsdLines}):
 * what the range added (counter totals, histogram count and sum) and where it ended (gauges' last values,
 * histogram min, max and percentiles). Series without data in the range are left out. Stateless, thread-safe.
 */
final class StatsdExportWriter implements ExportWriter
{
    private final StatsdFlavour flavour;

    StatsdExportWriter(final StatsdFlavour flavour)
    {
        this.flavour = flavour;
    }

    @Override
    public Set<SnapshotPart> parts()
    {
        return Set.of();
    }

    @Override
    public void write(final ExportSnapshot snapshot, final OutputStream out) throws IOException
    {
        final Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        final StatsdLines lines = new StatsdLines(flavour, snapshot.settings().prefix());
        try
        {
            for (final SeriesExport s : snapshot.series())
            {
                if (s.hasData())
                {
                    lines(lines, s, unit ->
                    {
                        try
                        {
                            text.write(unit);
                            text.write('\n');
                        }
                        catch (final IOException ex)
                        {
                            throw new UncheckedIOException(ex);
                        }
                    });
                }
            }
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
        text.flush();
    }

    /** Emits the lines of {@code s} (which has data) over the snapshot's range. */
    static void lines(final StatsdLines lines, final SeriesExport s, final Consumer<String> sink)
    {
        switch (s.metric().type())
        {
            case COUNTER -> lines.counter(s, s.total(), sink);
            case GAUGE -> lines.gauge(s, s.last(), sink);
            case HISTOGRAM -> lines.histogram(s, s.histogram().count(), s.histogram().sum(), s.stats().min(),
                s.stats().max(), s.histogram().percentiles(), sink);
            default -> throw new IllegalStateException("unknown metric type " + s.metric().type());
        }
    }
}
