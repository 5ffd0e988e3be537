package dev.bridge.analytics.bench.querybench;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.CounterHandle;
import dev.bridge.analytics.GaugeHandle;
import dev.bridge.analytics.HistogramHandle;
import dev.bridge.analytics.bench.PlannedSeries;
import dev.bridge.analytics.bench.SeriesPlan;

/**
 * The handles of a {@link SeriesPlan} for a backfill: {@link #publishAt(int, long, long)} records a value with an
 * explicit timestamp ({@code addAt}, {@code recordAt}, {@code setAt}) on the series of a plan index. Resolved once;
 * publishing is two array loads and a switch.
 * <p>
 * Thread-safety: immutable after construction; publish from any number of threads.
 */
final class TimedHandles
{
    private final CounterHandle[] counters;
    private final HistogramHandle[] histograms;
    private final GaugeHandle[] gauges;

    private TimedHandles(final CounterHandle[] counters, final HistogramHandle[] histograms, final GaugeHandle[] gauges)
    {
        this.counters = counters;
        this.histograms = histograms;
        this.gauges = gauges;
    }

    /** Resolves every series of {@code plan} on {@code engine}. */
    static TimedHandles resolve(final AnalyticsEngine engine, final SeriesPlan plan)
    {
        final int n = plan.size();
        final CounterHandle[] counters = new CounterHandle[n];
        final HistogramHandle[] histograms = new HistogramHandle[n];
        final GaugeHandle[] gauges = new GaugeHandle[n];
        for (final PlannedSeries s : plan.series())
        {
            switch (s.type())
            {
                case COUNTER -> counters[s.index()] = engine.counter(s.metric(), s.labelPairs());
                case HISTOGRAM -> histograms[s.index()] = engine.histogram(s.metric(), s.labelPairs());
                default -> gauges[s.index()] = engine.gauge(s.metric(), s.labelPairs());
            }
        }
        return new TimedHandles(counters, histograms, gauges);
    }

    /** Adds (counter), records (histogram) or sets (gauge) {@code value} at {@code epochMs} on series {@code index}. */
    void publishAt(final int index, final long value, final long epochMs)
    {
        final CounterHandle counter = counters[index];
        if (counter != null)
        {
            counter.addAt(value, epochMs);
            return;
        }
        final HistogramHandle histogram = histograms[index];
        if (histogram != null)
        {
            histogram.recordAt(value, epochMs);
            return;
        }
        gauges[index].setAt(value, epochMs);
    }
}
