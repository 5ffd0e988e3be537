package dev.bridge.analytics.bench;

import dev.bridge.analytics.AnalyticsEngine;

import java.io.PrintStream;

/**
 * The once-a-second progress line of a load run on stderr: events published, events/s since the previous line,
 * elapsed time. Silent when quiet. Not thread-safe: used by the main thread only.
 */
public final class Progress
{
    private static final long INTERVAL_NS = 1_000_000_000L;

    private final PrintStream out;
    private final boolean quiet;
    private AnalyticsEngine engine;
    private long startNs;
    private long lastNs;
    private long lastPublished;

    public Progress(final PrintStream out, final boolean quiet)
    {
        this.out = out;
        this.quiet = quiet;
    }

    /** Starts the clock of the elapsed time. */
    void start(final AnalyticsEngine engine)
    {
        this.engine = engine;
        startNs = System.nanoTime();
        lastNs = startNs;
        lastPublished = engine.eventsPublished();
    }

    /** @return ns until the next line is due (0 when due now). */
    long nanosToNextLine()
    {
        return Math.max(0, lastNs + INTERVAL_NS - System.nanoTime());
    }

    /** Prints a line if one is due. */
    void maybePrint(final String phase)
    {
        final long now = System.nanoTime();
        if (now - lastNs < INTERVAL_NS)
        {
            return;
        }
        final long published = engine.eventsPublished();
        if (!quiet)
        {
            out.printf("[%-7s %6.1f s] published %,15d   %,13.0f events/s%n",
                phase, (now - startNs) / 1e9, published, (published - lastPublished) * 1e9 / (now - lastNs));
        }
        lastNs = now;
        lastPublished = published;
    }

    /** Prints a free-form status line unless quiet. */
    void note(final String message)
    {
        if (!quiet)
        {
            out.println(message);
        }
    }
}
