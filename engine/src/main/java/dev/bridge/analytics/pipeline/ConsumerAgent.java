package dev.bridge.analytics.pipeline;

import java.util.function.BooleanSupplier;

/**
 * One consumer thread's duty cycle: a pass polls every ring (the shared one, then each thread's) through this
 * stage's {@link com.lmax.disruptor.EventPoller}, at most {@link ConsumerHandler#POLL_LIMIT} events per ring per
 * pass; a pass that found events ends with the handler's batch-end maintenance, an idle one waits through the
 * {@link ConsumerIdler} and runs the tick maintenance once {@code tickNs} has passed without events, or at once when
 * a flush wakes it. Exceptions are caught at the cycle boundary, counted and logged once per distinct error.
 * Thread-safety: {@link #run()} on its own thread; {@link #halt()} from any thread.
 */
final class ConsumerAgent implements Runnable
{
    private final ConsumerHandler handler;
    private final ProducerRings rings;
    private final int stage;
    private final ConsumerSignal signal;
    private final ConsumerIdler idler;
    private final ConsumerIdler[] downstream;
    private final ErrorLog errors;
    private final long tickNs;
    private final BooleanSupplier stillIdle = this::stillIdle;
    private volatile boolean running = true;
    private long seenWakeUps;

    /**
     * @param stage      index of this stage's poller in each ring (0 = first stage).
     * @param downstream idlers of the stages that read after this one: woken after each pass with events.
     */
    ConsumerAgent(
        final ConsumerHandler handler, final ProducerRings rings, final int stage, final ConsumerSignal signal,
        final ConsumerIdler idler, final ConsumerIdler[] downstream, final ErrorLog errors, final long tickNs)
    {
        this.handler = handler;
        this.rings = rings;
        this.stage = stage;
        this.signal = signal;
        this.idler = idler;
        this.downstream = downstream;
        this.errors = errors;
        this.tickNs = tickNs;
    }

    @Override
    public void run()
    {
        idler.bindToCurrentThread();
        handler.onStart();
        seenWakeUps = signal.wakeUps();
        long deadlineNs = 0;
        int idleCount = 0;
        while (running)
        {
            try
            {
                if (pass() > 0)
                {
                    handler.afterPass(false);
                    ConsumerSignal.wake(downstream);
                    idleCount = 0;
                    deadlineNs = 0;
                    continue;
                }
                final long wakeUps = signal.wakeUps();
                boolean tick = wakeUps != seenWakeUps || handler.flushReady();
                seenWakeUps = wakeUps;
                if (!tick && (idler.blocking() || (idleCount & 0xF) == 0))
                {
                    // the clock is read only while idle, once per 16 idle passes (each idle pass when parking)
                    final long nowNs = System.nanoTime();
                    if (deadlineNs == 0)
                    {
                        deadlineNs = nowNs + tickNs;
                    }
                    else
                    {
                        tick = nowNs - deadlineNs >= 0;
                    }
                }
                if (tick)
                {
                    handler.afterPass(true);
                    idleCount = 0;
                    deadlineNs = 0;
                    continue;
                }
                idler.idle(idleCount, deadlineNs, stillIdle);
                if (idleCount < Integer.MAX_VALUE)
                {
                    idleCount++;
                }
            }
            catch (final Throwable error)
            {
                errors.onError(handler.name(), error);
            }
        }
        try
        {
            handler.onShutdown();
        }
        catch (final Throwable error)
        {
            errors.onError(handler.name() + " shutdown", error);
        }
    }

    private int pass() throws Exception
    {
        handler.beginPass();
        int events = poll(rings.shared());
        for (final ProducerRing ring : rings.rings())
        {
            events += poll(ring);
        }
        return events;
    }

    private int poll(final ProducerRing ring) throws Exception
    {
        handler.beginPoll();
        ring.poller(stage).poll(handler);
        return handler.endPoll();
    }

    /** Re-checked after the idler announced it parks: nothing to read, no wake-up, no flush waiting. */
    private boolean stillIdle()
    {
        return running && !rings.hasWork(stage) && signal.wakeUps() == seenWakeUps && !handler.flushReady();
    }

    /** Stops the cycle after the current pass; the thread then runs the handler's shutdown and ends. */
    void halt()
    {
        running = false;
        idler.unpark();
    }

    /** @return the handler's name (also the thread's). */
    String name()
    {
        return handler.name();
    }

    ConsumerHandler handler()
    {
        return handler;
    }
}
