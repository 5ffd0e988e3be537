package dev.bridge.analytics.promql;

import java.util.function.LongSupplier;

/**
 * When a query is abandoned: its {@code timeout} after the request arrived, checked cheaply by the code that does the
 * work (one clock read per evaluation step and per selected series, no thread). A passed deadline throws
 * {@link PromqlException.Kind#TIMEOUT} with Prometheus 2.42's text, {@code query timed out in <where>}: {@code query
 * execution} when it passed before evaluation began (a timeout of 0), {@code expression evaluation} while
 * evaluating (2.42's {@code ErrQueryTimeout}). Not thread-safe: one per query.
 */
public final class QueryDeadline
{
    /** Where Prometheus 2.42 checks before evaluating. */
    public static final String EXECUTION = "query execution";
    /** Where Prometheus 2.42 checks while evaluating. */
    public static final String EVALUATION = "expression evaluation";
    /** A deadline that never passes (no {@code timeout} given). */
    public static final QueryDeadline NONE = new QueryDeadline(() -> 0L, 0L, Long.MAX_VALUE);

    private final LongSupplier nanoClock;
    private final long startNanos;
    private final long timeoutNanos;

    /**
     * @param nanoClock    a monotonic clock in ns ({@code System::nanoTime}; tests pass their own).
     * @param startNanos   when the query arrived, on {@code nanoClock}.
     * @param timeoutNanos how long it may take; 0 or less has passed already; {@link Long#MAX_VALUE}: never.
     */
    public QueryDeadline(final LongSupplier nanoClock, final long startNanos, final long timeoutNanos)
    {
        this.nanoClock = nanoClock;
        this.startNanos = startNanos;
        this.timeoutNanos = timeoutNanos;
    }

    /** @return a deadline {@code timeoutNanos} from now on {@link System#nanoTime}. */
    public static QueryDeadline after(final long timeoutNanos)
    {
        return new QueryDeadline(System::nanoTime, System.nanoTime(), timeoutNanos);
    }

    /** @throws PromqlException {@code timeout} {@code query timed out in <where>} once the deadline has passed. */
    public void check(final String where)
    {
        if (timeoutNanos == Long.MAX_VALUE)
        {
            return;
        }
        if (timeoutNanos <= 0 || nanoClock.getAsLong() - startNanos >= timeoutNanos)
        {
            throw new PromqlException(PromqlException.Kind.TIMEOUT, "query timed out in " + where);
        }
    }
}
