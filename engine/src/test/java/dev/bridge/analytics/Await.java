package dev.bridge.analytics;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition another thread makes true, failing at a deadline: for tests of work the engine does on
 * its own threads (alert agent, webhook sender, HTTP). Never a fixed pause: the condition is checked every
 * millisecond. Stateless; thread-safe.
 */
public final class Await
{
    /** How long a condition may take before the test fails. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);

    private Await()
    {
    }

    /** Returns once {@code condition} holds; fails the test, naming {@code what}, after {@link #DEADLINE}. */
    public static void until(final String what, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError(what + ": not within " + DEADLINE);
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }
}
