package dev.bridge.analytics.ingest;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Polls a condition with a deadline (a datagram in flight, a client's background thread): no sleep-and-hope. */
public final class Await
{
    private Await()
    {
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
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
    }
}
