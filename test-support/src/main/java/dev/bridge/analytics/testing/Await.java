package dev.bridge.analytics.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits for what another thread makes true (the engine's agents, a datagram in flight, a client's background thread,
 * a command running on another thread), failing at a deadline: never a fixed pause, the condition is checked every
 * millisecond. The one copy every module's tests use. Stateless; thread-safe.
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

    /** Polls every millisecond until {@code condition} holds; fails with {@code state} after {@code timeout}. */
    public static void until(final Duration timeout, final BooleanSupplier condition, final Supplier<String> state)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (deadline - System.nanoTime() < 0)
            {
                fail("not reached within " + timeout + ": " + state.get());
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }

    /**
     * @param what     what is awaited, for the failure message.
     * @param probe    the value once available, else null.
     * @param command  the thread running the command: its end fails the wait.
     * @param deadline how long to wait.
     * @param context  what to show on failure (e.g. the command's output so far).
     * @return the probe's first non-null value.
     */
    public static <T> T until(
        final String what, final Supplier<T> probe, final Thread command, final Duration deadline,
        final Supplier<String> context)
    {
        final long deadlineNs = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() - deadlineNs < 0)
        {
            final T value = probe.get();
            if (value != null)
            {
                return value;
            }
            if (!command.isAlive())
            {
                return fail("the command ended before " + what + ": " + context.get());
            }
            LockSupport.parkNanos(1_000_000L);
        }
        return fail("no " + what + " within " + deadline + ": " + context.get());
    }
}
