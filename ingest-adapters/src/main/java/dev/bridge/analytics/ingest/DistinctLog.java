package dev.bridge.analytics.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs each distinct problem of an adapter once, at warn level (the adapters count problems themselves); remembers at
 * most {@value #MAX_REMEMBERED} messages. Thread-safe; never throws.
 */
public final class DistinctLog
{
    private static final Logger LOG = LoggerFactory.getLogger("dev.bridge.analytics.ingest");
    private static final int MAX_REMEMBERED = 10_000;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** Logs {@code message} at warn level the first time it is seen. */
    public void warnOnce(final String message)
    {
        try
        {
            if (seen.size() < MAX_REMEMBERED && seen.add(message))
            {
                LOG.warn("{} (counted; logged once)", message);
            }
        }
        catch (final RuntimeException ignore)
        {
            // logging never takes the receiving thread down
        }
    }
}
