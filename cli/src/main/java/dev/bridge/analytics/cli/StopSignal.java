package dev.bridge.analytics.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the end of a serving command: the JVM's shutdown (Ctrl-C, SIGTERM) or an interrupt of the waiting
 * thread. A shutdown hook releases the waiting thread and then waits (up to {@value #CLEANUP_WAIT_S} s) until
 * {@link #close()} says the command has closed what it opened, so the server and the engine are closed
 * properly (the store committed) before the JVM exits. Used by {@code serve} and {@code bench --serve}.
 * Thread-safe.
 */
public final class StopSignal implements AutoCloseable
{
    /** Seconds the shutdown hook waits for {@link #close()}. */
    public static final long CLEANUP_WAIT_S = 30;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;
    private volatile Runnable onStop = () -> { };

    private StopSignal()
    {
        hook = new Thread(this::releaseAndWait, "analytics-serve-shutdown");
    }

    /** @return a signal released by the JVM's shutdown, its hook registered. */
    public static StopSignal onShutdown()
    {
        final StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** @param action what the shutdown hook runs first, before it waits for {@link #close()} (e.g. stop a load). */
    public void onStop(final Runnable action)
    {
        onStop = action;
    }

    /** Blocks until the JVM shuts down or the calling thread is interrupted (the interrupt is consumed). */
    public void await()
    {
        try
        {
            stop.await();
        }
        catch (final InterruptedException ex)
        {
            // an interrupt is a request to stop, like Ctrl-C: the caller closes what it opened and returns
        }
    }

    /** Says the command has closed everything; removes the hook unless the JVM is already shutting down. */
    @Override
    public void close()
    {
        closed.countDown();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException shuttingDown)
        {
            // the hook is running: it returns now that closed is counted down
        }
    }

    private void releaseAndWait()
    {
        onStop.run();
        stop.countDown();
        try
        {
            closed.await(CLEANUP_WAIT_S, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
