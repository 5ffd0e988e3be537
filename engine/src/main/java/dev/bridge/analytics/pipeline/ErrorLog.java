package dev.bridge.analytics.pipeline;

import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every error caught in the pipeline and logs each distinct one (class, message, first frame) once.
 * Thread-safe (stages on several threads may report); allocates only when an error happens.
 */
public final class ErrorLog
{
    private static final Logger LOG = LoggerFactory.getLogger(ErrorLog.class);
    private final AtomicCounter errors;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public ErrorLog(final AtomicCounter errors)
    {
        this.errors = errors;
    }

    /** Counts {@code error}, logging it if it is the first of its kind. Never throws. */
    public void onError(final String where, final Throwable error)
    {
        errors.increment();
        try
        {
            final StackTraceElement[] frames = error.getStackTrace();
            final String signature = where + '|' + error.getClass().getName() + '|' + error.getMessage() + '|' +
                (frames.length > 0 ? frames[0] : "");
            if (seen.add(signature))
            {
                LOG.error("pipeline error in {} (counted in engine_handler_errors; logged once): {}", where, error.toString(), error);
            }
        }
        catch (final Throwable ignore)
        {
            // logging must never take the pipeline down
        }
    }
}
