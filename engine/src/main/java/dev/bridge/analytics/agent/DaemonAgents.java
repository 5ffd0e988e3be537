package dev.bridge.analytics.agent;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

/**
 * Starts an Agrona agent on its own daemon thread: how the engine's background duties (alerts, StatsD push, remote
 * write) and the ingest adapters run. Stateless, thread-safe.
 */
public final class DaemonAgents
{
    private DaemonAgents()
    {
    }

    /**
     * @param agent      the duty cycle.
     * @param idle       how the thread waits when a cycle did no work.
     * @param onError    receives what a cycle throws (the agent goes on).
     * @param threadName the thread's name.
     * @return the running runner; {@link AgentRunner#close()} stops the thread (after {@link Agent#onClose()}).
     */
    public static AgentRunner start(
        final Agent agent, final IdleStrategy idle, final ErrorHandler onError, final String threadName)
    {
        final AgentRunner runner = new AgentRunner(idle, onError, null, agent);
        AgentRunner.startOnThread(runner, r ->
        {
            final Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        return runner;
    }
}
