package dev.bridge.analytics.alert;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

/**
 * The alert manager's duty cycle as an Agrona {@link Agent}: reads the clock once per cycle and passes it to
 * {@link AlertManager#doWork(long)}. Run by an {@code AgentRunner} on the {@code analytics-alerts} thread.
 */
final class AlertAgent implements Agent
{
    private final AlertManager manager;
    private final EpochClock clock;

    AlertAgent(final AlertManager manager, final EpochClock clock)
    {
        this.manager = manager;
        this.clock = clock;
    }

    @Override
    public int doWork()
    {
        return manager.doWork(clock.time());
    }

    @Override
    public String roleName()
    {
        return "analytics-alerts";
    }
}
