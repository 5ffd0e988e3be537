package dev.bridge.analytics.promql;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.config.PrometheusNames;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.export.BaseUnits;
import dev.bridge.analytics.query.StoredBuckets;
import dev.bridge.analytics.query.StoredNativeBuckets;
import dev.bridge.analytics.series.SeriesInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's store as PromQL series ({@link PromSeries}): one sample per bucket end of the chosen resolution, from
 * the series' first bucket with data in the read window (or its start, for a counter with earlier data) to the last
 * bucket that has ended by now, carrying the value a Prometheus fed by the engine would hold at that instant:
 * counters their running total (including everything stored before the window), histograms the running count, sum
 * and per-bound counts since the window's start, gauges the last value seen. The bucket still open now is not
 * sampled (as remote write sends only closed steps).
 * <p>
 * The resolution: the coarsest whose width is at most {@code maxWidthMs} (the query's step, and half of its
 * shortest range selector) and whose retention covers the window's start; else the coarsest whose width fits (the
 * window's start then has no samples, as in a Prometheus with that retention); else the finest that covers it; else
 * the one kept longest. Not thread-safe: one per query.
 */
public final class StorePromqlSource implements SampleSource
{
    private final AnalyticsQueries queries;
    private final long maxWidthMs;
    private final long nowMs;
    private final QueryDeadline deadline;
    private List<PromSeries> catalog;

    /**
     * @param maxWidthMs the widest bucket the query can use (see the class comment).
     */
    public StorePromqlSource(final AnalyticsQueries queries, final long maxWidthMs)
    {
        this(queries, maxWidthMs, QueryDeadline.NONE);
    }

    /** @param deadline checked once per selected series read (see {@link QueryDeadline}). */
    public StorePromqlSource(final AnalyticsQueries queries, final long maxWidthMs, final QueryDeadline deadline)
    {
        this.queries = queries;
        this.maxWidthMs = maxWidthMs;
        this.nowMs = queries.clock().time();
        this.deadline = deadline;
    }

    /** @return every Prometheus series the engine knows (read once per source). */
    public List<PromSeries> catalog()
    {
        if (catalog == null)
        {
            catalog = PromSeries.of(queries.series(), queries.config().export());
        }
        return catalog;
    }

    @Override
    public List<SeriesSamples> select(final List<LabelMatcher> matchers, final long fromMs, final long toMs)
    {
        final List<PromSeries> matching = new ArrayList<>();
        final Set<SeriesInfo> infos = new LinkedHashSet<>();
        for (final PromSeries p : catalog())
        {
            if (LabelMatcher.matchAll(matchers, p.labels()))
            {
                matching.add(p);
                if (p.part() != PromSeries.Part.NATIVE)
                {
                    infos.add(p.info());
                }
            }
        }
        if (matching.isEmpty())
        {
            return List.of();
        }
        final Resolution r = resolution(fromMs);
        final long widthMs = r.widthMs();
        // a bucket's sample is at its end: read the buckets ending in [fromMs, min(toMs, now)]
        final long lastEndMs = Math.floorDiv(Math.min(toMs, nowMs), widthMs) * widthMs;
        final long firstStartMs = Math.floorDiv(fromMs - 1, widthMs) * widthMs;
        if (lastEndMs - widthMs < firstStartMs)
        {
            return List.of();
        }
        final Map<SeriesInfo, StoredBuckets> stored = new HashMap<>();
        for (final StoredBuckets b : queries.storedBuckets(List.copyOf(infos), r, firstStartMs, lastEndMs))
        {
            stored.put(b.series(), b);
        }
        final Map<SeriesInfo, StoredNativeBuckets> natives = nativeBuckets(matching, r, firstStartMs, lastEndMs);
        final List<SeriesSamples> out = new ArrayList<>();
        for (final PromSeries p : matching)
        {
            deadline.check(QueryDeadline.EVALUATION);
            if (p.part() == PromSeries.Part.NATIVE)
            {
                final StoredNativeBuckets n = natives.get(p.info());
                final SeriesSamples samples = n == null ? null : NativeSamples.of(p, n, lastEndMs, fromMs);
                if (samples != null && samples.size() > 0)
                {
                    out.add(samples);
                }
                continue;
            }
            final StoredBuckets b = stored.get(p.info());
            if (b != null)
            {
                final SeriesSamples samples = samples(p, b, firstStartMs, lastEndMs, fromMs);
                if (samples.size() > 0)
                {
                    out.add(samples);
                }
            }
        }
        return out;
    }

    /** @return the native-histogram increments of the {@link PromSeries.Part#NATIVE} series among {@code matching}. */
    private Map<SeriesInfo, StoredNativeBuckets> nativeBuckets(final List<PromSeries> matching, final Resolution r,
        final long firstStartMs, final long lastEndMs)
    {
        final Set<SeriesInfo> infos = new LinkedHashSet<>();
        for (final PromSeries p : matching)
        {
            deadline.check(QueryDeadline.EVALUATION);
            if (p.part() == PromSeries.Part.NATIVE)
            {
                infos.add(p.info());
            }
        }
        final Map<SeriesInfo, StoredNativeBuckets> out = new HashMap<>();
        if (!infos.isEmpty())
        {
            for (final StoredNativeBuckets b : queries.storedNativeBuckets(List.copyOf(infos), r, firstStartMs,
                lastEndMs))
            {
                out.put(b.series(), b);
            }
        }
        return out;
    }

    private Resolution resolution(final long fromMs)
    {
        final List<Resolution> resolutions = queries.config().engine().resolutions();
        Resolution chosen = null;
        Resolution coarsestFitting = null;
        Resolution finestCovering = null;
        for (final Resolution r : resolutions)
        {
            final boolean covers = fromMs >= nowMs - r.retentionMs();
            if (covers && finestCovering == null)
            {
                finestCovering = r;
            }
            if (r.widthMs() <= maxWidthMs)
            {
                coarsestFitting = r;
                if (covers)
                {
                    chosen = r;
                }
            }
        }
        if (chosen != null)
        {
            return chosen;
        }
        if (coarsestFitting != null)
        {
            // no fitting resolution reaches back to the window's start: answer what the fitting one keeps (the start
            // of the window has no samples, as in a Prometheus with that retention) rather than samples too sparse for
            // the query's ranges (a [5m] rate over hourly buckets has none)
            return coarsestFitting;
        }
        if (finestCovering != null)
        {
            return finestCovering;
        }
        return resolutions.stream().max(java.util.Comparator.comparing(Resolution::retention)).orElseThrow();
    }

    /** @return the samples of {@code p} at every bucket end from its first data to {@code lastEndMs}. */
    private static SeriesSamples samples(final PromSeries p, final StoredBuckets b, final long firstStartMs,
        final long lastEndMs, final long fromMs)
    {
        final long widthMs = b.widthMs();
        final double factor = PrometheusNames.toBaseUnitFactor(p.info().metric());
        final boolean earlier = p.part() == PromSeries.Part.TOTAL && b.totalBeforeSum() > 0;
        final long startMs = earlier || b.size() == 0 ? firstStartMs : b.startMs()[0];
        final int points = (int)Math.max(0, (lastEndMs - (startMs + widthMs)) / widthMs + 1);
        final long[] times = new long[points];
        final double[] values = new double[points];
        int next = 0;
        long running = p.part() == PromSeries.Part.TOTAL ? b.totalBeforeSum() : 0;
        long last = 0;
        int n = 0;
        for (long s = startMs; s + widthMs <= lastEndMs && n < points; s += widthMs)
        {
            if (next < b.size() && b.startMs()[next] == s)
            {
                running = switch (p.part())
                {
                    case TOTAL, SUM -> running + b.sum()[next];
                    case COUNT -> running + b.count()[next];
                    case BUCKET -> running + (p.bound() < b.classicBelow()[next].length ?
                        b.classicBelow()[next][p.bound()] : b.count()[next]);
                    case LAST, NATIVE -> 0;
                };
                last = b.last()[next];
                next++;
            }
            times[n] = s + widthMs;
            values[n] = switch (p.part())
            {
                case TOTAL, SUM -> BaseUnits.scale(running, factor);
                case COUNT, BUCKET -> running;
                case LAST, NATIVE -> BaseUnits.scale(last, factor);
            };
            n++;
        }
        final SeriesSamples all = new SeriesSamples(p.labels(), times, values);
        return all.slice(fromMs, lastEndMs);
    }
}
