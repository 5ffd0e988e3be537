package dev.bridge.analytics.export;

import dev.bridge.analytics.alert.AlertsSnapshot;
import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.query.SeriesReader;
import dev.bridge.analytics.query.StoreQueries;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.series.SeriesInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The streaming {@code /metrics} of one store ({@link StreamingScrape}): Prometheus text 0.0.4 and OpenMetrics 1.0
 * written from the store's running totals, one series at a time, with the bytes client_java's writers print for the
 * same store. Keeps the last {@link ScrapePlan} (rebuilt when the series list changes) and one idle
 * {@link StreamingScrape} with its buffers (a concurrent scrape makes its own), so a steady-state scrape allocates
 * only what the store read, a non-integral value's text and a summary need. The scrape is written into a buffer
 * under the store's guard, then copied to the response outside it: a slow client never holds the store.
 * <p>
 * Thread-safe; never blocks (besides the guard and {@code out}).
 */
public final class StreamingScrapes
{
    private final ExportSettings settings;
    private volatile PlanOf plan;
    private final AtomicReference<StreamingScrape> idle = new AtomicReference<>();

    /** @param settings the export settings (prefix, bucket bounds, summary quantiles) of the store's catalog. */
    public StreamingScrapes(final ExportSettings settings)
    {
        this.settings = settings;
    }

    /**
     * Writes the scrape of {@code series} in {@code format} to {@code out} (flushed, not closed) when this writer
     * handles it.
     *
     * @param format  the negotiated format.
     * @param series  every series in a list that stays the same object while no series is added.
     * @param guard   runs the store reads while the store is open.
     * @param readers makes the one reader of this scrape (called under the guard).
     * @param all     {@link TimeRange#ALL} resolved at {@code nowMs}.
     * @param nowMs   when the scrape is taken.
     * @param alerts  the engine's alerts.
     * @return false, having written nothing, for a format other than {@link ExportFormat#PROMETHEUS} and
     *         {@link ExportFormat#OPENMETRICS}, or a catalog with a name client_java would quote: write those from
     *         a snapshot.
     * @throws IOException from {@code out}.
     */
    public boolean scrape(
        final ExportFormat format, final List<SeriesInfo> series, final StoreQueries.Guard guard,
        final Supplier<SeriesReader> readers, final TimeRange.ResolvedRange all, final long nowMs,
        final AlertsSnapshot alerts, final OutputStream out) throws IOException
    {
        if (format != ExportFormat.PROMETHEUS && format != ExportFormat.OPENMETRICS)
        {
            return false;
        }
        final ScrapePlan current = planFor(series);
        if (current == null)
        {
            return false;
        }
        final StreamingScrape taken = idle.getAndSet(null);
        final StreamingScrape scrape = taken != null ? taken : new StreamingScrape();
        try
        {
            guard.run(() ->
            {
                scrape.write(current, format == ExportFormat.OPENMETRICS, readers.get(), all, nowMs, alerts);
                return null;
            });
            scrape.writeTo(out);
            out.flush();
            return true;
        }
        finally
        {
            idle.set(scrape);
        }
    }

    /** @return the plan of {@code series}, made once per series list; null when they cannot be streamed. */
    private ScrapePlan planFor(final List<SeriesInfo> series)
    {
        final PlanOf last = plan;
        if (last != null && last.series() == series)
        {
            return last.plan();
        }
        final PlanOf made = new PlanOf(series, ScrapePlan.of(settings, series));
        plan = made;
        return made.plan();
    }

    /** A plan and the series list it was made of (plan null: a name client_java quotes). */
    private record PlanOf(List<SeriesInfo> series, ScrapePlan plan)
    {
    }
}
