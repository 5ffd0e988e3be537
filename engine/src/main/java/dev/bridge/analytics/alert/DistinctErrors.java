package dev.bridge.analytics.alert;

import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts errors of the alert machinery and logs each distinct one (where, class, message, first frame) once.
 * Thread-safe; never throws.
 */
final class DistinctErrors
{
    private final dev.bridge.analytics.logging.DistinctLog log =
        new dev.bridge.analytics.logging.DistinctLog(LoggerFactory.getLogger(DistinctErrors.class));

    /** Increments {@code counter} and logs {@code error} if it is the first of its kind at {@code where}. */
    void onError(final AtomicLong counter, final String where, final Throwable error)
    {
        counter.incrementAndGet();
        log.errorOnce("alerting error", where, "counted", error);
    }

    /** Increments {@code counter} and logs {@code message} if it is the first time at {@code where}. */
    void onProblem(final AtomicLong counter, final String where, final String message)
    {
        counter.incrementAndGet();
        log.warnOnce("alerting problem in " + where + ": " + message);
    }
}
