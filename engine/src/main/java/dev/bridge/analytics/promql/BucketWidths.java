package dev.bridge.analytics.promql;

/**
 * The widest stored bucket a query can be evaluated over: at most its step (a range query's points should each see
 * a new sample), half of its shortest range selector (so that {@code rate} sees at least two samples) and the
 * lookback (so that an instant selector finds a sample). Stateless, thread-safe.
 */
public final class BucketWidths
{
    private BucketWidths()
    {
    }

    /**
     * @param stepMs     the range query's step, or 0 for an instant query.
     * @param lookbackMs the instant selectors' lookback.
     * @return the widest bucket width that fits {@code expr}.
     */
    public static long maxWidthMs(final Expr expr, final long stepMs, final long lookbackMs)
    {
        long max = shortestRange(expr, lookbackMs * 2) / 2;
        if (stepMs > 0)
        {
            max = Math.min(max, stepMs);
        }
        return max;
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
