package dev.bridge.analytics.promql;

import java.util.function.LongPredicate;

/**
 * Which stored bucket widths a query can be evaluated over. A source samples each bucket at its end, so a width
 * {@code w} fits when:
 * <ul>
 * <li>{@code w <= step} (a range query's points should each see a new sample) and {@code w <=} the lookback (an
 *     instant selector finds a sample in any window [t - lookback, t]);</li>
 * <li>{@code w <=} the shortest range selector when every evaluation time is a multiple of {@code w} (the range
 *     query's start and step, or the instant query's time, and each range selector's offset): 2.42's range
 *     selectors are closed on both ends, [t - range, t], so with t on the bucket ends a range of one width holds two
 *     samples, at t - w and t, which is what {@code rate} needs and what a Prometheus scraping every {@code w}
 *     holds;</li>
 * <li>else {@code w <=} half the shortest range, so that every window holds at least two samples wherever it
 *     falls.</li>
 * </ul>
 * The widths of the last rule are preferred ({@link Fit#anyTimes}): with buckets one range wide, the first window
 * after a series' first sample holds one sample only (no {@code rate}) where a finer grid has two; the wider widths
 * of the second rule ({@link Fit#theseTimes}) serve windows that no finer resolution keeps (a {@code [1m]} range a
 * day back). Stateless, thread-safe.
 */
public final class BucketWidths
{
    private BucketWidths()
    {
    }

    /**
     * The widths a query can use, in order of preference.
     *
     * @param anyTimes   the widths that fit wherever the evaluation times fall (half the shortest range): preferred,
     *                   as they give the same samples as a finer grid would at the series' edges.
     * @param theseTimes the widths that fit the query's own evaluation times (one range wide when they are
     *                   multiples of the width): a superset of {@code anyTimes}, used when none of those keeps the
     *                   window's start.
     */
    public record Fit(LongPredicate anyTimes, LongPredicate theseTimes)
    {
    }

    /** @return the widths that fit the range query {@code expr} evaluated at {@code startMs + k * stepMs}. */
    public static Fit forRange(final Expr expr, final long startMs, final long stepMs, final long lookbackMs)
    {
        final long shortest = shortestRange(expr, Long.MAX_VALUE);
        final LongPredicate bounded = widthMs -> widthMs > 0 && widthMs <= stepMs && widthMs <= lookbackMs;
        return new Fit(widthMs -> bounded.test(widthMs) && fitsRanges(expr, shortest, widthMs, false),
            widthMs -> bounded.test(widthMs) && fitsRanges(expr, shortest, widthMs,
                Math.floorMod(startMs, widthMs) == 0 && stepMs % widthMs == 0));
    }

    /** @return the widths that fit the instant query {@code expr} evaluated at {@code timeMs}. */
    public static Fit forInstant(final Expr expr, final long timeMs, final long lookbackMs)
    {
        final long shortest = shortestRange(expr, Long.MAX_VALUE);
        final LongPredicate bounded = widthMs -> widthMs > 0 && widthMs <= lookbackMs;
        return new Fit(widthMs -> bounded.test(widthMs) && fitsRanges(expr, shortest, widthMs, false),
            widthMs -> bounded.test(widthMs) && fitsRanges(expr, shortest, widthMs, Math.floorMod(timeMs, widthMs) == 0));
    }

    private static boolean fitsRanges(final Expr expr, final long shortest, final long widthMs, final boolean timesAligned)
    {
        if (shortest == Long.MAX_VALUE)
        {
            return true;
        }
        return timesAligned && offsetsAligned(expr, widthMs) ? widthMs <= shortest : widthMs <= shortest / 2;
    }

    /** @return whether every range selector's offset is a multiple of {@code widthMs}. */
    private static boolean offsetsAligned(final Expr expr, final long widthMs)
    {
        if (expr instanceof Expr.MatrixSelector m)
        {
            return Math.floorMod(m.selector().offsetMs(), widthMs) == 0;
        }
        if (expr instanceof Expr.Call c)
        {
            return c.args().stream().allMatch(a -> offsetsAligned(a, widthMs));
        }
        if (expr instanceof Expr.Aggregate a)
        {
            return offsetsAligned(a.expr(), widthMs);
        }
        if (expr instanceof Expr.Binary b)
        {
            return offsetsAligned(b.lhs(), widthMs) && offsetsAligned(b.rhs(), widthMs);
        }
        if (expr instanceof Expr.Negation n)
        {
            return offsetsAligned(n.expr(), widthMs);
        }
        if (expr instanceof Expr.Paren p)
        {
            return offsetsAligned(p.expr(), widthMs);
        }
        return true;
    }

    private static long shortestRange(final Expr expr, final long shortest)
    {
        if (expr instanceof Expr.MatrixSelector m)
        {
            return Math.min(shortest, m.rangeMs());
        }
        if (expr instanceof Expr.Call c)
        {
            long s = shortest;
            for (final Expr a : c.args())
            {
                s = shortestRange(a, s);
            }
            return s;
        }
        if (expr instanceof Expr.Aggregate a)
        {
            return shortestRange(a.expr(), shortest);
        }
        if (expr instanceof Expr.Binary b)
        {
            return shortestRange(b.rhs(), shortestRange(b.lhs(), shortest));
        }
        if (expr instanceof Expr.Negation n)
        {
            return shortestRange(n.expr(), shortest);
        }
        if (expr instanceof Expr.Paren p)
        {
            return shortestRange(p.expr(), shortest);
        }
        return shortest;
    }
}
