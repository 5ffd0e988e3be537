package dev.bridge.analytics.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Coordinates the producers of a load run with the main thread: end of warm-up, start of the timed window, stop.
 * Producers poll the two stop flags (volatile reads) every few hundred events.
 * <p>
 * Thread-safe: written by the main thread, read by the producers.
 */
public final class RunControl
{
    private final CountDownLatch warmedUp;
    private final CountDownLatch go = new CountDownLatch(1);
    private volatile boolean endWarmUp;
    private volatile boolean stop;

    /** @param producers threads that will report the end of their warm-up. */
    public RunControl(final int producers)
    {
        warmedUp = new CountDownLatch(producers);
    }

    /** Main thread: asks producers to end their warm-up now (its time cap passed). */
    public void endWarmUp()
    {
        endWarmUp = true;
    }

    /** Main thread: starts the timed window. */
    public void go()
    {
        go.countDown();
    }

    /** Main thread: asks producers to stop the timed loop (duration mode, or an error). */
    public void stop()
    {
        stop = true;
        endWarmUp = true;
        go.countDown();
    }

    /** @return true when the loop of that phase must end. */
    boolean shouldStop(final boolean warmUp)
    {
        return warmUp ? endWarmUp : stop;
    }

    /** Producer: reports its warm-up done, then waits for the start of the timed window. */
    void warmedUpAwaitGo() throws InterruptedException
    {
        warmedUp.countDown();
        go.await();
    }

    /** Main thread: waits until every producer finished its warm-up, up to {@code timeoutMs}. */
    boolean awaitWarmedUp(final long timeoutMs) throws InterruptedException
    {
        return warmedUp.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** @return true once {@link #stop()} was called. */
    public boolean stopped()
    {
        return stop;
    }
}
