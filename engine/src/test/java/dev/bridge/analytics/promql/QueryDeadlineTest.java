package dev.bridge.analytics.promql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.bridge.analytics.promql.FixedSource.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code timeout}: a query's evaluation is abandoned once its deadline passed, with Prometheus 2.42's error; on a clock
 * the test controls (each read advances it 1 ms), so the outcome never depends on the machine's speed.
 */
class QueryDeadlineTest
{
    private static final FixedSource SOURCE = new FixedSource(List.of(
        series(new String[] { "__name__", "c_total" }, 0, 1, 15, 2, 30, 3, 45, 4, 60, 5)));

    /** @return a deadline of {@code timeoutMs} on a clock that advances 1 ms at each read. */
    private static QueryDeadline ticking(final long timeoutMs)
    {
        final AtomicLong nanos = new AtomicLong();
        return new QueryDeadline(() -> nanos.addAndGet(1_000_000L), 0, timeoutMs * 1_000_000L);
    }

    @Test
    void shouldAbandonARangeQueryDuringEvaluationOnceTheDeadlinePassed()
    {
        // 1 ms per check: the execution check, the selector's read, then one per step: the 8th (step 6) reaches 8 ms
        final PromqlEvaluator evaluator = new PromqlEvaluator(SOURCE, PromqlEvaluator.DEFAULT_LOOKBACK_MS, ticking(8));

        final PromqlException ex = assertThrows(PromqlException.class,
            () -> evaluator.range(PromqlParser.parse("sum(c_total)"), 0, 60_000, 1_000));

        assertEquals(PromqlException.Kind.TIMEOUT, ex.kind());
        assertEquals("query timed out in expression evaluation", ex.getMessage());
        assertEquals(503, ex.kind().status());
        assertEquals("timeout", ex.kind().errorType());
    }

    @Test
    void shouldFailAZeroTimeoutBeforeEvaluating()
    {
        final PromqlEvaluator evaluator = new PromqlEvaluator(SOURCE, PromqlEvaluator.DEFAULT_LOOKBACK_MS,
            new QueryDeadline(() -> 0L, 0, 0));

        final PromqlException ex = assertThrows(PromqlException.class,
            () -> evaluator.instant(PromqlParser.parse("1 + 1"), 0));

        assertEquals("query timed out in query execution", ex.getMessage());
    }

    @Test
    void shouldFinishAQueryWithinItsTimeout()
    {
        // 2 checks before the steps + 61 steps: 63 ms on the ticking clock
        final Value.Matrix m = new PromqlEvaluator(SOURCE, PromqlEvaluator.DEFAULT_LOOKBACK_MS, ticking(65))
            .range(PromqlParser.parse("sum(c_total)"), 0, 60_000, 1_000);

        assertEquals(61, m.series().get(0).size());
    }
}
