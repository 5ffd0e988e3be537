package dev.bridge.analytics.promql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link SampleSource} over fixed series, for exact evaluator tests. Immutable. */
final class FixedSource implements SampleSource
{
    private final List<SeriesSamples> series;

    FixedSource(final List<SeriesSamples> series)
    {
        this.series = List.copyOf(series);
    }

    /** @return a series with {@code labels} ("k", "v", ...) and samples (seconds, value, ...). */
    static SeriesSamples series(final String[] labels, final double... secondsAndValues)
    {
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2)
        {
            map.put(labels[i], labels[i + 1]);
        }
        final long[] t = new long[secondsAndValues.length / 2];
        final double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++)
        {
            t[i] = (long)(secondsAndValues[2 * i] * 1000);
            v[i] = secondsAndValues[2 * i + 1];
        }
        return new SeriesSamples(Labels.of(map), t, v);
    }

    @Override
    public List<SeriesSamples> select(final List<LabelMatcher> matchers, final long fromMs, final long toMs)
    {
        final List<SeriesSamples> out = new ArrayList<>();
        for (final SeriesSamples s : series)
        {
            if (LabelMatcher.matchAll(matchers, s.labels()))
            {
                out.add(s.slice(fromMs, toMs));
            }
        }
        return out;
    }
}
