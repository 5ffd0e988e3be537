package dev.bridge.analytics.ingest.statsd;

import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * Idles the receiving thread in {@code epoll_wait} until its socket is readable or {@code timeoutMs} passed: no CPU
 * while no datagram comes, no latency when one does. Uses {@link Selector#select(Consumer, long)}, which hands ready
 * keys to a (non-capturing) action instead of adding them to the selected-key set, so an idle cycle allocates
 * nothing. Not thread-safe: the agent's thread only.
 */
final class SelectorIdleStrategy implements IdleStrategy
{
    private static final Consumer<SelectionKey> IGNORE_KEY = key -> { };

    private final Selector selector;
    private final long timeoutMs;

    SelectorIdleStrategy(final Selector selector, final long timeoutMs)
    {
        this.selector = selector;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount <= 0)
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (!selector.isOpen())
        {
            return;
        }
        try
        {
            selector.select(IGNORE_KEY, timeoutMs);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void reset()
    {
    }

    @Override
    public String alias()
    {
        return "selector";
    }
}
