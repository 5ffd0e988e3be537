package dev.bridge.analytics.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits for what a command running on another thread prints or serves, failing at a deadline or as soon as the
 * command has ended: never a fixed pause, the probe runs every millisecond. Stateless; thread-safe.
 */
final class Await
{
    private Await()
    {
    }

    /**
     * @param what    what is awaited, for the failure message.
     * @param probe   the value once available, else null.
     * @param command the thread running the command: its end fails the wait.
     * @param context what to show on failure (e.g. the command's output so far).
     * @return the probe's first non-null value.
     */
    static <T> T until(
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
