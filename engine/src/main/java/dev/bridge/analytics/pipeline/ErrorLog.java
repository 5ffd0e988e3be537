package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.logging.DistinctLog;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.LoggerFactory;


/**
 * Counts every error caught in the pipeline and logs each distinct one (class, message, first frame) once.
 * Thread-safe (stages on several threads may report); allocates only when an error happens.
 */
public final class ErrorLog
{
    private final AtomicCounter errors;
    private final DistinctLog log =
        new DistinctLog(LoggerFactory.getLogger(ErrorLog.class));

    public ErrorLog(final AtomicCounter errors)
    {
        this.errors = errors;
    }

    /** Counts {@code error}, logging it if it is the first of its kind. Never throws. */
    public void onError(final String where, final Throwable error)
    {
        errors.increment();
        log.errorOnce("pipeline error", where, "counted in engine_handler_errors", error);
    }
}
