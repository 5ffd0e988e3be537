package dev.bridge.analytics.bench;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.CounterHandle;
import dev.bridge.analytics.GaugeHandle;
import dev.bridge.analytics.HistogramHandle;

import java.util.Arrays;

/**
 * The engine handles of a {@link SeriesPlan}, resolved once at setup and kept in arrays by kind, so that
 * {@link #publish(int, long)} is an array load and a switch: no lookup, no allocation.
 * <p>
 * Thread-safety: immutable after construction; {@link #publish(int, long)} may be called by any number of
 * threads.
 */
public final class SeriesHandles implements SeriesRecorder
{
    private static final byte COUNTER = 0;
    private static final byte HISTOGRAM = 1;
    private static final byte GAUGE = 2;

    private final byte[] kinds;
    private final int[] slots;
    private final CounterHandle[] counters;
    private final HistogramHandle[] histograms;
    private final GaugeHandle[] gauges;

    private SeriesHandles(
        final byte[] kinds, final int[] slots, final CounterHandle[] counters, final HistogramHandle[] histograms,
        final GaugeHandle[] gauges)
    {
        this.kinds = kinds;
        this.slots = slots;
        this.counters = counters;
        this.histograms = histograms;
        this.gauges = gauges;
    }

    /** Resolves every series of {@code plan} (creating the series in the engine's registry). */
    public static SeriesHandles resolve(final AnalyticsEngine engine, final SeriesPlan plan)
    {
        final int n = plan.size();
        final byte[] kinds = new byte[n];
        final int[] slots = new int[n];
        final CounterHandle[] counters = new CounterHandle[n];
        final HistogramHandle[] histograms = new HistogramHandle[n];
        final GaugeHandle[] gauges = new GaugeHandle[n];
        int c = 0;
        int h = 0;
        int g = 0;
        for (final PlannedSeries s : plan.series())
        {
            final int i = s.index();
            switch (s.type())
            {
                case COUNTER ->
                {
                    kinds[i] = COUNTER;
                    slots[i] = c;
                    counters[c++] = engine.counter(s.metric(), s.labelPairs());
                }
                case HISTOGRAM ->
                {
                    kinds[i] = HISTOGRAM;
                    slots[i] = h;
                    histograms[h++] = engine.histogram(s.metric(), s.labelPairs());
                }
                default ->
                {
                    kinds[i] = GAUGE;
                    slots[i] = g;
                    gauges[g++] = engine.gauge(s.metric(), s.labelPairs());
                }
            }
        }
        return new SeriesHandles(kinds, slots, Arrays.copyOf(counters, c),
            Arrays.copyOf(histograms, h), Arrays.copyOf(gauges, g));
    }

    @Override
    public void publish(final int seriesIndex, final long value)
    {
        final int slot = slots[seriesIndex];
        switch (kinds[seriesIndex])
        {
            case COUNTER:
                counters[slot].add(value);
                break;
            case HISTOGRAM:
                histograms[slot].record(value);
                break;
            default:
                gauges[slot].set(value);
                break;
        }
    }
}
