package dev.bridge.analytics.promql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a parsed expression over a {@link SampleSource}, at one instant ({@link #instant}) or at every step of a
 * range ({@link #range}), with Prometheus 2.42's semantics: an instant selector takes each series' newest sample in
 * [t - lookback, t] (lookback 5 minutes by default), a range selector the samples in [t - range, t], both shifted
 * back by {@code offset}; results carry the evaluation time. Each selector reads the source once for the whole
 * query. A result holding two series with the same labels is an {@code execution} error, as in Prometheus.
 * Not thread-safe: one evaluator per query.
 */
public final class PromqlEvaluator
{
    /** Prometheus' default {@code --query.lookback-delta}. */
    public static final long DEFAULT_LOOKBACK_MS = 5 * 60_000L;
    /** Orders label sets as Prometheus sorts a matrix: name/value pairs, lexicographically. */
    public static final Comparator<Labels> LABEL_ORDER = PromqlEvaluator::compare;
    /** The most label sets the per-query histogram_quantile memo keeps. */
    private static final int MAX_MEMO = 4_096;

    private final SampleSource source;
    private final long lookbackMs;
    private final QueryDeadline deadline;
    private final Map<Expr.VectorSelector, List<SeriesSamples>> selected = new IdentityHashMap<>();
    /**
     * Label sets without their name, per selected series' label set (by identity: a range query meets the same
     * instances at every step, and hashing a label set costs more than deriving it once).
     */
    private final Map<Labels, Labels> withoutName = new IdentityHashMap<>();
    /**
     * The classic buckets met by histogram_quantile, per label set instance (the memo above keeps them the same;
     * an aggregation makes new ones at each step: then the memo is emptied when it exceeds {@link #MAX_MEMO}).
     */
    private final Map<Labels, HistogramQuantile.Bucket> histogramBuckets = new IdentityHashMap<>();

    public PromqlEvaluator(final SampleSource source, final long lookbackMs)
    {
        this(source, lookbackMs, QueryDeadline.NONE);
    }

    /** @param deadline checked before evaluating, after each selector's read and at each step of a range query. */
    public PromqlEvaluator(final SampleSource source, final long lookbackMs, final QueryDeadline deadline)
    {
        this.source = source;
        this.lookbackMs = lookbackMs;
        this.deadline = deadline;
    }

    /** @return {@code expr} evaluated at {@code timeMs} (a matrix for a range selector, sorted by labels). */
    public Value instant(final Expr expr, final long timeMs)
    {
        deadline.check(QueryDeadline.EXECUTION);
        load(expr, timeMs, timeMs);
        deadline.check(QueryDeadline.EVALUATION);
        final Value value = eval(expr, timeMs);
        if (value instanceof Value.Vector v)
        {
            checkUnique(v.samples());
            return new Value.Vector(v.samples().stream().sorted((a, b) -> compare(a.labels(), b.labels())).toList());
        }
        if (value instanceof Value.Matrix m)
        {
            return new Value.Matrix(m.series().stream().sorted((a, b) -> compare(a.labels(), b.labels())).toList());
        }
        return value;
    }

    /**
     * @return {@code expr} (scalar or instant vector) at {@code startMs + k * stepMs <= endMs}: one series per label
     *         set with its points, sorted by labels; series without points left out; a scalar is one series without
     *         labels.
     */
    public Value.Matrix range(final Expr expr, final long startMs, final long endMs, final long stepMs)
    {
        deadline.check(QueryDeadline.EXECUTION);
        load(expr, startMs, endMs);
        final Map<Labels, RangePoints> points = new LinkedHashMap<>();
        for (long t = startMs; t <= endMs; t += stepMs)
        {
            deadline.check(QueryDeadline.EVALUATION);
            final Value value = eval(expr, t);
            if (value instanceof Value.Scalar s)
            {
                points.computeIfAbsent(Labels.EMPTY, l -> new RangePoints()).add(t, s.value(), null);
            }
            else
            {
                final List<Value.Sample> samples = ((Value.Vector)value).samples();
                checkUnique(samples);
                for (final Value.Sample s : samples)
                {
                    points.computeIfAbsent(s.labels(), l -> new RangePoints()).add(t, s.value(), s.histogram());
                }
            }
        }
        final List<SeriesSamples> series = new ArrayList<>(points.size());
        points.forEach((labels, list) -> series.add(list.toSeries(labels)));
        series.sort((a, b) -> compare(a.labels(), b.labels()));
        return new Value.Matrix(series);
    }

    /** Reads every selector of {@code expr} once, for evaluation times in [fromMs, toMs]. */
    private void load(final Expr expr, final long fromMs, final long toMs)
    {
        if (expr instanceof Expr.VectorSelector v)
        {
            selected.put(v, source.select(v.matchers(), fromMs - v.offsetMs() - lookbackMs, toMs - v.offsetMs()));
            deadline.check(QueryDeadline.EVALUATION);
        }
        else if (expr instanceof Expr.MatrixSelector m)
        {
            selected.put(m.selector(), source.select(m.selector().matchers(),
                fromMs - m.selector().offsetMs() - m.rangeMs(), toMs - m.selector().offsetMs()));
            deadline.check(QueryDeadline.EVALUATION);
        }
        else if (expr instanceof Expr.Call c)
        {
            c.args().forEach(a -> load(a, fromMs, toMs));
        }
        else if (expr instanceof Expr.Aggregate a)
        {
            load(a.expr(), fromMs, toMs);
        }
        else if (expr instanceof Expr.Binary b)
        {
            load(b.lhs(), fromMs, toMs);
            load(b.rhs(), fromMs, toMs);
        }
        else if (expr instanceof Expr.Negation n)
        {
            load(n.expr(), fromMs, toMs);
        }
        else if (expr instanceof Expr.Paren p)
        {
            load(p.expr(), fromMs, toMs);
        }
    }

    private Value eval(final Expr expr, final long t)
    {
        if (expr instanceof Expr.NumberLiteral n)
        {
            return new Value.Scalar(n.value());
        }
        if (expr instanceof Expr.StringLiteral s)
        {
            return new Value.StringValue(s.value());
        }
        if (expr instanceof Expr.Paren p)
        {
            return eval(p.expr(), t);
        }
        if (expr instanceof Expr.VectorSelector v)
        {
            return new Value.Vector(instantSelect(v, t));
        }
        if (expr instanceof Expr.MatrixSelector m)
        {
            return new Value.Matrix(rangeSelect(m, t));
        }
        if (expr instanceof Expr.Negation n)
        {
            return negate(eval(n.expr(), t));
        }
        if (expr instanceof Expr.Call c)
        {
            return call(c, t);
        }
        if (expr instanceof Expr.Aggregate a)
        {
            return new Value.Vector(Aggregator.apply(a, vector(eval(a.expr(), t))));
        }
        return binary((Expr.Binary)expr, t);
    }

    private List<Value.Sample> instantSelect(final Expr.VectorSelector v, final long t)
    {
        final long refMs = t - v.offsetMs();
        final List<Value.Sample> out = new ArrayList<>();
        for (final SeriesSamples s : selected.get(v))
        {
            final int i = s.lastAtOrBefore(refMs);
            if (i >= 0 && s.timestampsMs()[i] >= refMs - lookbackMs)
            {
                out.add(new Value.Sample(s.labels(), s.values()[i], s.histogram(i)));
            }
        }
        return out;
    }

    private List<SeriesSamples> rangeSelect(final Expr.MatrixSelector m, final long t)
    {
        final long endMs = t - m.selector().offsetMs();
        final List<SeriesSamples> out = new ArrayList<>();
        for (final SeriesSamples s : selected.get(m.selector()))
        {
            final SeriesSamples slice = s.slice(endMs - m.rangeMs(), endMs);
            if (slice.size() > 0)
            {
                out.add(slice);
            }
        }
        return out;
    }

    private static Value negate(final Value value)
    {
        if (value instanceof Value.Scalar s)
        {
            return new Value.Scalar(-s.value());
        }
        return new Value.Vector(vector(value).stream().filter(s -> !s.isHistogram())
            .map(s -> new Value.Sample(s.labels().withoutName(), -s.value())).toList());
    }

    private Value call(final Expr.Call c, final long t)
    {
        final Function f = c.function();
        switch (f)
        {
            case TIME:
                return new Value.Scalar(t / 1000.0);
            case VECTOR:
                return new Value.Vector(List.of(new Value.Sample(Labels.EMPTY, scalar(eval(c.args().get(0), t)))));
            case SCALAR:
            {
                final List<Value.Sample> v = vector(eval(c.args().get(0), t));
                return new Value.Scalar(v.size() == 1 ? v.get(0).value() : Double.NaN);
            }
            case HISTOGRAM_COUNT, HISTOGRAM_SUM:
            {
                final List<Value.Sample> out = new ArrayList<>();
                for (final Value.Sample s : vector(eval(c.args().get(0), t)))
                {
                    if (s.isHistogram())
                    {
                        out.add(new Value.Sample(s.labels().withoutName(),
                            f == Function.HISTOGRAM_COUNT ? s.histogram().count() : s.histogram().sum()));
                    }
                }
                return new Value.Vector(out);
            }
            case HISTOGRAM_QUANTILE:
                if (histogramBuckets.size() > MAX_MEMO)
                {
                    histogramBuckets.clear();
                }
                return new Value.Vector(HistogramQuantile.apply(scalar(eval(c.args().get(0), t)),
                    vector(eval(c.args().get(1), t)), histogramBuckets));
            case ABS, CEIL, FLOOR, SQRT, EXP, LN:
                return new Value.Vector(vector(eval(c.args().get(0), t)).stream().filter(s -> !s.isHistogram())
                    .map(s -> new Value.Sample(s.labels().withoutName(), math(f, s.value()))).toList());
            default:
            {
                final Expr.MatrixSelector m = (Expr.MatrixSelector)unwrap(c.args().get(0));
                final long endMs = t - m.selector().offsetMs();
                final List<Value.Sample> out = new ArrayList<>();
                for (final SeriesSamples s : rangeSelect(m, t))
                {
                    final Labels labels = f.keepsName() ? s.labels() : withoutName.computeIfAbsent(s.labels(), Labels::withoutName);
                    if (s.hasHistograms())
                    {
                        final Value.Sample h = histogramRange(f, s, labels, endMs - m.rangeMs(), endMs);
                        if (h != null)
                        {
                            out.add(h);
                        }
                        continue;
                    }
                    final Double v = RangeFunctions.apply(f, s, endMs - m.rangeMs(), endMs);
                    if (v != null)
                    {
                        out.add(new Value.Sample(labels, v));
                    }
                }
                return new Value.Vector(out);
            }
        }
    }

    /**
     * @return {@code f} over a range holding native histograms: {@code rate}/{@code increase} a histogram
     *         ({@link RangeFunctions#histogramRate}), {@code count_over_time} the number of samples,
     *         {@code last_over_time} the last sample; null for the other functions (they are over floats).
     */
    private static Value.Sample histogramRange(final Function f, final SeriesSamples s, final Labels labels,
        final long rangeStartMs, final long rangeEndMs)
    {
        switch (f)
        {
            case RATE, INCREASE:
            {
                final NativeHistogram h = RangeFunctions.histogramRate(s, rangeStartMs, rangeEndMs, f == Function.RATE);
                return h == null ? null : new Value.Sample(labels, h);
            }
            case COUNT_OVER_TIME:
                return new Value.Sample(labels, s.size());
            case LAST_OVER_TIME:
            {
                final int last = s.size() - 1;
                return new Value.Sample(labels, s.values()[last], s.histogram(last));
            }
            default:
                return null;
        }
    }

    private static Expr unwrap(final Expr e)
    {
        return e instanceof Expr.Paren p ? unwrap(p.expr()) : e;
    }

    private static double math(final Function f, final double v)
    {
        return switch (f)
        {
            case ABS -> Math.abs(v);
            case CEIL -> Math.ceil(v);
            case FLOOR -> Math.floor(v);
            case SQRT -> Math.sqrt(v);
            case EXP -> Math.exp(v);
            case LN -> Math.log(v);
            default -> throw new IllegalArgumentException(f.spelling());
        };
    }

    private Value binary(final Expr.Binary b, final long t)
    {
        final Value lhs = eval(b.lhs(), t);
        final Value rhs = eval(b.rhs(), t);
        if (lhs instanceof Value.Scalar l && rhs instanceof Value.Scalar r)
        {
            return new Value.Scalar(b.op().apply(l.value(), r.value()));
        }
        if (rhs instanceof Value.Scalar r)
        {
            return new Value.Vector(VectorBinary.withScalar(b, vector(lhs), r.value(), false));
        }
        if (lhs instanceof Value.Scalar l)
        {
            return new Value.Vector(VectorBinary.withScalar(b, vector(rhs), l.value(), true));
        }
        return new Value.Vector(VectorBinary.vectors(b, vector(lhs), vector(rhs)));
    }

    private static List<Value.Sample> vector(final Value value)
    {
        return ((Value.Vector)value).samples();
    }

    private static double scalar(final Value value)
    {
        return ((Value.Scalar)value).value();
    }

    private static void checkUnique(final List<Value.Sample> samples)
    {
        final Set<Labels> seen = new HashSet<>();
        for (final Value.Sample s : samples)
        {
            if (!seen.add(s.labels()))
            {
                throw PromqlException.execution("vector cannot contain metrics with the same labelset");
            }
        }
    }

    /** Compares label sets by their sorted name/value pairs. */
    static int compare(final Labels a, final Labels b)
    {
        final var ia = a.map().entrySet().iterator();
        final var ib = b.map().entrySet().iterator();
        while (ia.hasNext() && ib.hasNext())
        {
            final var ea = ia.next();
            final var eb = ib.next();
            int c = ea.getKey().compareTo(eb.getKey());
            if (c != 0)
            {
                return c;
            }
            c = ea.getValue().compareTo(eb.getValue());
            if (c != 0)
            {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    /** The points of one result series of a range query, floats and native histograms in time order. */
    private static final class RangePoints
    {
        private long[] times = new long[16];
        private double[] values = new double[16];
        private NativeHistogram[] histograms;
        private int size;

        void add(final long t, final double value, final NativeHistogram histogram)
        {
            if (size == times.length)
            {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2);
                if (histograms != null)
                {
                    histograms = Arrays.copyOf(histograms, size * 2);
                }
            }
            if (histogram != null && histograms == null)
            {
                histograms = new NativeHistogram[times.length];
            }
            times[size] = t;
            values[size] = value;
            if (histograms != null)
            {
                histograms[size] = histogram;
            }
            size++;
        }

        SeriesSamples toSeries(final Labels labels)
        {
            return new SeriesSamples(labels, Arrays.copyOf(times, size), Arrays.copyOf(values, size),
                histograms == null ? null : Arrays.copyOf(histograms, size));
        }
    }
}
