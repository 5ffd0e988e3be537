package dev.bridge.analytics.promql;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.config.PrometheusNames;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.config.BaseUnits;
import dev.bridge.analytics.store.SaturatingMath;
import dev.bridge.analytics.query.StoredBuckets;
import dev.bridge.analytics.query.StoredNativeBuckets;
import dev.bridge.analytics.series.SeriesInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's store as PromQL series ({@link PromSeries}), sampled as a Prometheus fed by the engine's remote write
 * holds them: one sample per series at every end of a <em>sample step</em> (the remote-write {@code interval},
 * default 15 s, or the chosen resolution's bucket width when that is wider, rounded up to a multiple of it), from the
 * step in which the series first had data (or the window's start, when it had data before), to the last step that
 * has ended by now. Each sample carries the value at that instant: counters their running total, histograms the
 * running count, sum and per-bound counts, all since the series was created (the totals {@code /metrics} exports,
 * less what was recorded after the instant: see {@link dev.bridge.analytics.query.BucketSeriesQuery}), gauges the
 * newest value set. The step still open now is not sampled (as remote write sends only closed steps).
 * <p>
 * The resolution ({@link BucketWidths.Fit}): the finest whose width fits the query wherever its times fall and whose
 * retention covers the window's start (samples as close to remote write's as the store keeps); else the finest with
 * a width that fits the query's own times and covers it; else the coarsest of those (the window's start then has no
 * samples, as in a Prometheus with that retention); else the finest that covers it; else the one kept longest.
 * Not thread-safe: one per query.
 */
public final class StorePromqlSource implements SampleSource
{
    private final AnalyticsQueries queries;
    private final BucketWidths.Fit fit;
    private final long nowMs;
    private final QueryDeadline deadline;
    private List<PromSeries> catalog;

    /**
     * @param fit the bucket widths (ms) the query can use ({@link BucketWidths}).
     */
    public StorePromqlSource(final AnalyticsQueries queries, final BucketWidths.Fit fit)
    {
        this(queries, fit, QueryDeadline.NONE);
    }

    /** @param deadline checked once per selected series read (see {@link QueryDeadline}). */
    public StorePromqlSource(final AnalyticsQueries queries, final BucketWidths.Fit fit, final QueryDeadline deadline)
    {
        this.queries = queries;
        this.fit = fit;
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
        final long stepMs = sampleStepMs(r.widthMs(), queries.config().export().remoteWrite().interval().toMillis());
        // a sample is at a step's end: the first at or after fromMs, the last at or before min(toMs, now)
        final long firstEndMs = Math.floorDiv(fromMs + stepMs - 1, stepMs) * stepMs;
        final long lastEndMs = Math.floorDiv(Math.min(toMs, nowMs), stepMs) * stepMs;
        if (lastEndMs < firstEndMs)
        {
            return List.of();
        }
        final long readFromMs = firstEndMs - stepMs;
        final Map<SeriesInfo, StoredBuckets> stored = new HashMap<>();
        for (final StoredBuckets b : queries.storedBuckets(List.copyOf(infos), r, readFromMs))
        {
            stored.put(b.series(), b);
        }
        final Map<SeriesInfo, StoredNativeBuckets> natives = nativeBuckets(matching, r, readFromMs);
        final List<SeriesSamples> out = new ArrayList<>();
        for (final PromSeries p : matching)
        {
            deadline.check(QueryDeadline.EVALUATION);
            if (p.part() == PromSeries.Part.NATIVE)
            {
                final StoredNativeBuckets n = natives.get(p.info());
                final SeriesSamples samples = n == null ? null : NativeSamples.of(p, n, firstEndMs, lastEndMs, stepMs);
                if (samples != null && samples.size() > 0)
                {
                    out.add(samples);
                }
                continue;
            }
            final StoredBuckets b = stored.get(p.info());
            if (b != null)
            {
                final SeriesSamples samples = samples(p, b, firstEndMs, lastEndMs, stepMs);
                if (samples.size() > 0)
                {
                    out.add(samples);
                }
            }
        }
        return out;
    }

    /**
     * @return the sample step at a resolution {@code widthMs} wide: {@code intervalMs} (remote write's), or the
     *         width when wider, rounded up to a multiple of the width.
     */
    static long sampleStepMs(final long widthMs, final long intervalMs)
    {
        return Math.max(1, (intervalMs + widthMs - 1) / widthMs) * widthMs;
    }

    /** @return the native-histogram increments of the {@link PromSeries.Part#NATIVE} series among {@code matching}. */
    private Map<SeriesInfo, StoredNativeBuckets> nativeBuckets(final List<PromSeries> matching, final Resolution r,
        final long readFromMs)
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
            for (final StoredNativeBuckets b : queries.storedNativeBuckets(List.copyOf(infos), r, readFromMs))
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
        Resolution chosenForTheseTimes = null;
        Resolution coarsestFitting = null;
        Resolution finestCovering = null;
        for (final Resolution r : resolutions)
        {
            final boolean covers = fromMs >= nowMs - r.retentionMs();
            if (covers && finestCovering == null)
            {
                finestCovering = r;
            }
            if (covers && chosen == null && fit.anyTimes().test(r.widthMs()))
            {
                chosen = r; // resolutions are finest first: the finest that fits and covers
            }
            if (fit.theseTimes().test(r.widthMs()))
            {
                coarsestFitting = r;
                if (covers && chosenForTheseTimes == null)
                {
                    chosenForTheseTimes = r;
                }
            }
        }
        if (chosen == null)
        {
            chosen = chosenForTheseTimes;
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
        return resolutions.stream().max(Comparator.comparing(Resolution::retention)).orElseThrow();
    }

    /**
     * @return the samples of {@code p} at every step end from {@code firstEndMs} (or the first step end after its
     *         first data, when it had none before) to {@code lastEndMs}.
     */
    private static SeriesSamples samples(final PromSeries p, final StoredBuckets b, final long firstEndMs,
        final long lastEndMs, final long stepMs)
    {
        final double factor = PrometheusNames.toBaseUnitFactor(p.info().metric());
        final StoredBuckets.Before before = b.before();
        long running = switch (p.part())
        {
            case TOTAL, SUM -> before.sum();
            case COUNT -> before.count();
            case BUCKET -> before.classicBelow() != null && p.bound() < before.classicBelow().length ?
                before.classicBelow()[p.bound()] : before.count();
            case LAST, NATIVE -> 0;
        };
        long last = before.last() == null ? 0 : before.last();
        boolean seen = before.any();
        final int capacity = (int)Math.max(0, (lastEndMs - firstEndMs) / stepMs + 1);
        final long[] times = new long[capacity];
        final double[] values = new double[capacity];
        int n = 0;
        int next = 0;
        final long widthMs = b.widthMs();
        for (long end = firstEndMs; end <= lastEndMs; end += stepMs)
        {
            while (next < b.size() && b.startMs()[next] + widthMs <= end)
            {
                running = switch (p.part())
                {
                    case TOTAL, SUM -> SaturatingMath.add(running, b.sum()[next]);
                    case COUNT -> SaturatingMath.add(running, b.count()[next]);
                    case BUCKET -> SaturatingMath.add(running, p.bound() < b.classicBelow()[next].length ?
                        b.classicBelow()[next][p.bound()] : b.count()[next]);
                    case LAST, NATIVE -> 0;
                };
                last = b.last()[next];
                seen = true;
                next++;
            }
            if (seen)
            {
                times[n] = end;
                values[n] = switch (p.part())
                {
                    case TOTAL, SUM -> BaseUnits.scale(running, factor);
                    case COUNT, BUCKET -> running;
                    case LAST, NATIVE -> BaseUnits.scale(last, factor);
                };
                n++;
            }
        }
        return new SeriesSamples(p.labels(), Arrays.copyOf(times, n), Arrays.copyOf(values, n));
    }
}
