package dev.bridge.analytics.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts errors of the alert machinery and logs each distinct one (where, class, message, first frame) once.
 * Thread-safe; never throws.
 */
final class DistinctErrors
{
    private static final Logger LOG = LoggerFactory.getLogger(DistinctErrors.class);
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** Increments {@code counter} and logs {@code error} if it is the first of its kind at {@code where}. */
    void onError(final AtomicLong counter, final String where, final Throwable error)
    {
        counter.incrementAndGet();
        try
        {
            final StackTraceElement[] frames = error.getStackTrace();
            final String signature = where + '|' + error.getClass().getName() + '|' + error.getMessage() + '|' +
                (frames.length > 0 ? frames[0] : "");
            if (seen.add(signature))
            {
                LOG.error("alerting error in {} (counted; logged once): {}", where, error.toString(), error);
            }
        }
        catch (final Throwable ignore)
        {
            // logging must never take the alert agent down
        }
    }

    /** Increments {@code counter} and logs {@code message} if it is the first time at {@code where}. */
    void onProblem(final AtomicLong counter, final String where, final String message)
    {
        counter.incrementAndGet();
        if (seen.add(where + '|' + message))
        {
            LOG.warn("alerting problem in {} (counted; logged once): {}", where, message);
        }
    }
}
