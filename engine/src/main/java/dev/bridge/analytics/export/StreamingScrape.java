package dev.bridge.analytics.export;

import dev.bridge.analytics.alert.Alert;
import dev.bridge.analytics.alert.AlertState;
import dev.bridge.analytics.alert.AlertsSnapshot;
import dev.bridge.analytics.config.BaseUnits;
import dev.bridge.analytics.query.ClassicCounts;
import dev.bridge.analytics.query.SeriesRead;
import dev.bridge.analytics.query.SeriesReader;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import io.prometheus.metrics.model.snapshots.Labels;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Prometheus scrape (text 0.0.4 or OpenMetrics 1.0) of every series' running totals straight from the
 * store into a {@link ScrapeBuffer}, one series at a time ({@link SeriesReader#readTotals}: one aggregate and, for a
 * histogram, its merged counts), with the fixed bytes of a {@link ScrapePlan}: no {@link ExportSnapshot}, no
 * client_java model. The bytes are those client_java 1.10's writers print for the same store through
 * {@link PrometheusSnapshots} (what {@code StreamingScrapeTest} compares): families sorted by name, series by
 * labels, series without data and families without any left out, values in base units, {@code _created} as
 * separate gauge families after everything in text 0.0.4 and as samples in OpenMetrics (then {@code # EOF}).
 * Classic bucket counts are counted in one pass over the stored totals encoding ({@link ClassicCounts}: no counts
 * array, no merge), or from the merged counts when it cannot be (another layout; a store without totals); a summary (with
 * {@code summary_quantiles}) and a histogram with exact samples (a store without totals) are computed by
 * {@link SnapshotAssembler} as the snapshot path does (they allocate). Reuses its arrays from scrape to scrape.
 * <p>
 * Not thread-safe: one scrape at a time per instance (pool instances for concurrent scrapes). Does not block.
 */
final class StreamingScrape
{
    private static final long NO_CREATED = Long.MIN_VALUE;
    private static final byte[] TOTAL = ScrapeBuffer.ascii("_total");
    private static final byte[] CREATED = ScrapeBuffer.ascii("_created");
    private static final byte[] BUCKET = ScrapeBuffer.ascii("_bucket");
    private static final byte[] COUNT = ScrapeBuffer.ascii("_count");
    private static final byte[] SUM = ScrapeBuffer.ascii("_sum");
    private static final byte[] NONE = new byte[0];
    private static final byte[] EOF = ScrapeBuffer.ascii("# EOF\n");
    private static final byte[] ONE = ScrapeBuffer.ascii("1.0");

    private final ScrapeBuffer buffer = new ScrapeBuffer(64 * 1024);
    private long[] createdMs = new long[0];
    private long[] cumulative = new long[16];
    private final ClassicCounts classic = new ClassicCounts();

    /**
     * Writes the scrape into this instance's buffer (read it with {@link #writeTo}).
     *
     * @param plan        the families and fixed bytes.
     * @param openMetrics true for OpenMetrics 1.0, false for text 0.0.4.
     * @param reader      reads each series' totals (one per scrape, on this thread).
     * @param all         {@link TimeRange#ALL} resolved at {@code nowMs}: a series without totals is read over it.
     * @param nowMs       when the scrape was taken.
     * @param alerts      the engine's alerts: pending and firing ones are written as {@code ALERTS}.
     */
    void write(
        final ScrapePlan plan, final boolean openMetrics, final SeriesReader reader,
        final TimeRange.ResolvedRange all, final long nowMs, final AlertsSnapshot alerts)
    {
        buffer.reset();
        if (createdMs.length < plan.slots())
        {
            createdMs = new long[plan.slots()];
        }
        for (final ScrapePlan.Family family : plan.families())
        {
            if (family.kind == ScrapePlan.Kind.ALERTS)
            {
                writeAlerts(family, openMetrics, alerts);
                continue;
            }
            final boolean histogram = family.kind == ScrapePlan.Kind.HISTOGRAM;
            if (histogram)
            {
                classic.bounds(family.upperBounds);
            }
            boolean headerWritten = false;
            for (int i = 0; i < family.series.length; i++)
            {
                final int slot = family.firstSlot + i;
                createdMs[slot] = NO_CREATED;
                final SeriesRead read = histogram ? reader.readTotals(family.series[i], all, nowMs, classic) :
                    reader.readTotals(family.series[i], all, nowMs);
                final Stats stats = read.stats();
                if (stats.count() == 0)
                {
                    continue;
                }
                if (!headerWritten)
                {
                    buffer.write(openMetrics ? family.openMetricsHeader : family.textHeader);
                    headerWritten = true;
                }
                final byte[] labels = family.labels[i];
                switch (family.kind)
                {
                    case COUNTER ->
                    {
                        name(family, TOTAL, labels, null);
                        buffer.writeDouble(BaseUnits.scale(stats.sum(), family.toBaseUnit));
                        buffer.write('\n');
                    }
                    case SELF_COUNTER ->
                    {
                        name(family, TOTAL, labels, null);
                        buffer.writeDouble(stats.last());
                        buffer.write('\n');
                    }
                    case GAUGE ->
                    {
                        name(family, NONE, labels, null);
                        buffer.writeDouble(BaseUnits.scale(stats.last(), family.toBaseUnit));
                        buffer.write('\n');
                    }
                    case HISTOGRAM -> writeHistogram(family, labels, read, plan);
                    case SUMMARY -> writeSummary(family, labels, read, plan);
                    default -> throw new IllegalStateException("unexpected family " + family.kind);
                }
                if (family.kind != ScrapePlan.Kind.GAUGE && family.kind != ScrapePlan.Kind.SELF_COUNTER)
                {
                    if (openMetrics)
                    {
                        created(family, labels, read.firstDataMs());
                    }
                    else
                    {
                        createdMs[slot] = read.firstDataMs();
                    }
                }
            }
        }
        if (openMetrics)
        {
            buffer.write(EOF);
        }
        else
        {
            writeCreatedFamilies(plan);
        }
    }

    /** Writes what {@link #write} wrote to {@code out} in one write (not flushed, not closed). */
    void writeTo(final OutputStream out) throws IOException
    {
        buffer.writeTo(out);
    }

    /** @return the bytes of the last scrape. */
    int size()
    {
        return buffer.size();
    }

    private void writeHistogram(
        final ScrapePlan.Family family, final byte[] labels, final SeriesRead read, final ScrapePlan plan)
    {
        final Stats stats = read.stats();
        final long count = stats.count();
        final int finite = family.upperBounds.length;
        if (cumulative.length < finite)
        {
            cumulative = new long[finite];
        }
        if (read.histogram() == null && classic.counted()) // counted by the read, from the stored encoding
        {
            for (int b = 0; b < finite; b++)
            {
                cumulative[b] = Math.min(classic.cumulativeCount(b), count); // the exact count is the +Inf bucket
            }
        }
        else if (read.exactSamples() != null)
        {
            final HistogramExport export = export(family, read, plan);
            for (int b = 0; b < finite; b++)
            {
                cumulative[b] = export.cumulativeCount(b);
            }
        }
        else if (read.histogram() != null && read.histogram().totalCount() > 0)
        {
            SnapshotAssembler.cumulativeCounts(family.upperBounds, read.histogram(), cumulative);
            for (int b = 0; b < finite; b++)
            {
                cumulative[b] = Math.min(cumulative[b], count); // the exact count is the +Inf bucket
            }
        }
        else
        {
            for (int b = 0; b < finite; b++)
            {
                cumulative[b] = 0;
            }
        }
        for (int b = 0; b < finite; b++)
        {
            name(family, BUCKET, labels, family.bucketLabels[b]);
            buffer.writeLong(cumulative[b]);
            buffer.write('\n');
        }
        name(family, BUCKET, labels, family.bucketLabels[finite]);
        buffer.writeLong(count);
        buffer.write('\n');
        countAndSum(family, labels, count, stats.sum());
    }

    private void writeSummary(
        final ScrapePlan.Family family, final byte[] labels, final SeriesRead read, final ScrapePlan plan)
    {
        final HistogramExport export = export(family, read, plan);
        for (int q = 0; q < family.quantiles.length; q++)
        {
            name(family, NONE, labels, family.quantileLabels[q]);
            buffer.writeDouble(BaseUnits.scale(export.percentiles().get(family.quantiles[q]), family.toBaseUnit));
            buffer.write('\n');
        }
        countAndSum(family, labels, export.count(), export.sum());
    }

    private static HistogramExport export(final ScrapePlan.Family family, final SeriesRead read, final ScrapePlan plan)
    {
        return SnapshotAssembler.histogram(doubles(family.upperBounds), read.stats(), read.histogram(),
            read.exactSamples(), plan.percentiles(), family.metric.histogram().highestTrackableValue());
    }

    private static List<Double> doubles(final double[] values)
    {
        final List<Double> list = new ArrayList<>(values.length);
        for (final double v : values)
        {
            list.add(v);
        }
        return list;
    }

    private void countAndSum(final ScrapePlan.Family family, final byte[] labels, final long count, final long sum)
    {
        name(family, COUNT, labels, null);
        buffer.writeLong(count);
        buffer.write('\n');
        name(family, SUM, labels, null);
        buffer.writeDouble(BaseUnits.scale(sum, family.toBaseUnit));
        buffer.write('\n');
    }

    private void created(final ScrapePlan.Family family, final byte[] labels, final long ms)
    {
        name(family, CREATED, labels, null);
        buffer.writeTimestamp(ms);
        buffer.write('\n');
    }

    /** The 0.0.4 format's {@code <name>_created} gauge families, after every other family, in the same order. */
    private void writeCreatedFamilies(final ScrapePlan plan)
    {
        for (final ScrapePlan.Family family : plan.families())
        {
            if (family.kind != ScrapePlan.Kind.COUNTER && family.kind != ScrapePlan.Kind.HISTOGRAM &&
                family.kind != ScrapePlan.Kind.SUMMARY)
            {
                continue;
            }
            boolean headerWritten = false;
            for (int i = 0; i < family.series.length; i++)
            {
                final long ms = createdMs[family.firstSlot + i];
                if (ms == NO_CREATED)
                {
                    continue;
                }
                if (!headerWritten)
                {
                    buffer.write(family.textCreatedHeader);
                    headerWritten = true;
                }
                created(family, family.labels[i], ms);
            }
        }
    }

    /** {@code ALERTS{<labels>,alertstate="..."} 1.0} per pending or firing alert; allocates (alerts are few). */
    private void writeAlerts(final ScrapePlan.Family family, final boolean openMetrics, final AlertsSnapshot alerts)
    {
        final List<Labels> active = new ArrayList<>();
        for (final Alert alert : alerts.alerts())
        {
            if (alert.state() != AlertState.RESOLVED)
            {
                final Map<String, String> labels = new LinkedHashMap<>(alert.labels());
                labels.put("alertstate", alert.state().spelling());
                active.add(ScrapePlan.labels(labels));
            }
        }
        if (active.isEmpty())
        {
            return;
        }
        active.sort(null);
        buffer.write(openMetrics ? family.openMetricsHeader : family.textHeader);
        for (final Labels labels : active)
        {
            name(family, NONE, ScrapePlan.openLabelSet(labels), null);
            buffer.write(ONE);
            buffer.write('\n');
        }
    }

    /** Writes {@code <name><suffix>{<labels>[,<extra>]} } (no braces when there is no label at all). */
    private void name(final ScrapePlan.Family family, final byte[] suffix, final byte[] labels, final byte[] extra)
    {
        buffer.write(family.name);
        buffer.write(suffix);
        if (labels.length > 0)
        {
            buffer.write(labels);
            if (extra != null)
            {
                buffer.write(',');
                buffer.write(extra);
            }
            buffer.write('}');
        }
        else if (extra != null)
        {
            buffer.write('{');
            buffer.write(extra);
            buffer.write('}');
        }
        buffer.write(' ');
    }
}
