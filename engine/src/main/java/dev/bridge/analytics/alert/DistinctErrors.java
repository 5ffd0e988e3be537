package dev.bridge.analytics.alert;

import dev.bridge.analytics.logging.DistinctLog;
import org.slf4j.LoggerFactory;

import java.util.function.LongSupplier;

/**
 * Counts errors of the alert machinery and logs each distinct one (where, class, message, first frame) once.
 * Thread-safe; never throws.
 */
final class DistinctErrors
{
    private final DistinctLog log =
        new DistinctLog(LoggerFactory.getLogger(DistinctErrors.class));

    /**
     * Counts {@code error} ({@code count} increments its counter: a registry counter's {@code increment} or an atomic's
     * {@code incrementAndGet}; called on the error path only) and logs it if it is the first of its kind at
     * {@code where}.
     */
    void onError(final LongSupplier count, final String where, final Throwable error)
    {
        count.getAsLong();
        log.errorOnce("alerting error", where, "counted", error);
    }

    /** Counts a problem ({@code count} as in {@link #onError}) and logs {@code message} the first time at {@code where}. */
    void onProblem(final LongSupplier count, final String where, final String message)
    {
        count.getAsLong();
        log.warnOnce("alerting problem in " + where + ": " + message);
    }
}
