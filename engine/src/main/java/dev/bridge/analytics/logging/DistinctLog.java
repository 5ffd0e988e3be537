package dev.bridge.analytics.logging;

import org.slf4j.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs each distinct problem once: the one "log each distinct error once" of the engine and its adapters (the
 * pipeline, alerting, telemetry, remote write, the StatsD push, the StatsD listener, the Micrometer bridge). A problem
 * is known by its signature: where it happened, and for an exception its class, message and first frame. At most
 * {@code maxRemembered} signatures are kept; past that nothing new is logged (the owners count every problem in their
 * self-metrics whether logged or not), so a flood of distinct errors cannot grow memory. Thread-safe; never throws;
 * allocates only when a problem is reported.
 */
public final class DistinctLog
{
    /** Signatures remembered by default. */
    public static final int DEFAULT_MAX_REMEMBERED = 10_000;

    private final Logger logger;
    private final int maxRemembered;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** @param logger where the problems go; remembers {@value #DEFAULT_MAX_REMEMBERED} signatures. */
    public DistinctLog(final Logger logger)
    {
        this(logger, DEFAULT_MAX_REMEMBERED);
    }

    /**
     * @param logger        where the problems go.
     * @param maxRemembered the most signatures kept (then nothing new is logged until {@link #forget()}).
     */
    public DistinctLog(final Logger logger, final int maxRemembered)
    {
        this.logger = logger;
        this.maxRemembered = maxRemembered;
    }

    /**
     * Logs {@code error} at error level, with its stack trace, the first time its signature is seen at {@code where}:
     * {@code "<what> in <where> (<counted>; logged once): <error>"}.
     *
     * @return true when it was logged.
     */
    public boolean errorOnce(final String what, final String where, final String counted, final Throwable error)
    {
        try
        {
            final StackTraceElement[] frames = error.getStackTrace();
            if (first(where + '|' + error.getClass().getName() + '|' + error.getMessage() + '|' +
                (frames.length > 0 ? frames[0] : "")))
            {
                logger.error("{} in {} ({}; logged once): {}", what, where, counted, error.toString(), error);
                return true;
            }
        }
        catch (final Throwable ignore)
        {
            // logging never takes the reporting thread down
        }
        return false;
    }

    /**
     * Logs {@code message} at warn level the first time it is seen: {@code "<message> (counted; logged once)"}.
     *
     * @return true when it was logged.
     */
    public boolean warnOnce(final String message)
    {
        try
        {
            if (first(message))
            {
                logger.warn("{} (counted; logged once)", message);
                return true;
            }
        }
        catch (final RuntimeException ignore)
        {
            // logging never takes the reporting thread down
        }
        return false;
    }

    /** Forgets every signature: a problem seen again is logged again (e.g. after a success ended an outage). */
    public void forget()
    {
        seen.clear();
    }

    /** @return the signatures remembered now. */
    public int remembered()
    {
        return seen.size();
    }

    /**
     * @return true the first time {@code signature} is seen (and while fewer than the most remembered are kept): for an
     *         owner that writes its own message, e.g. {@code if (log.first(why)) LOG.warn(...)}.
     */
    public boolean first(final String signature)
    {
        return seen.size() < maxRemembered && seen.add(signature);
    }
}
