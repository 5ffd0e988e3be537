package dev.bridge.analytics.alert;

import dev.bridge.analytics.agent.DaemonAgents;
import dev.bridge.analytics.config.AlertReceiver;
import dev.bridge.analytics.config.AlertRule;
import dev.bridge.analytics.config.AlertSettings;
import dev.bridge.analytics.config.ReceiverType;
import dev.bridge.analytics.config.SilenceSettings;
import dev.bridge.analytics.pipeline.EngineCounters;
import org.agrona.CloseHelper;
import dev.bridge.analytics.query.StoreQueries;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Alerting inside the engine: evaluates the rules of {@link AlertSettings} with Prometheus' alerting-rule semantics
 * ({@link RuleState}) and notifies as Alertmanager does ({@link Dispatcher}: grouping, inhibition, silences,
 * deduplication) to log, webhook and listener receivers, keeping its state in {@code alerts.json} in the data
 * directory ({@link AlertStateFile}) so that a restarted engine resumes it.
 * <p>
 * <b>Duty cycle.</b> {@link #doWork(long)} evaluates every rule when an evaluation is due (the first call, then
 * every {@code evaluation_interval}; missed ones are skipped), flushes the notification groups that are due, and
 * saves the state when it changed. The engine runs it on its own daemon thread ({@link #start()}, an Agrona
 * {@link AgentRunner} with a sleeping idle strategy of a tenth of the evaluation interval, 10 to 250 ms) on the
 * engine's clock; tests call it directly with the times they choose ({@link #nextDeadlineMs()} says when it next
 * has work). Rules read the store through {@link StoreQueries} like any query, so evaluation never runs on, nor
 * blocks, a pipeline thread.
 * <p>
 * <b>Persistence.</b> The state is written after every duty cycle that changed it, and after every evaluation while
 * an alert is tracked (so a pending alert's elapsed {@code for} time is on disk within one interval). At start, a
 * pending alert (and a firing one's keep-firing time) is shifted by the time since the last saved evaluation: the
 * downtime does not count towards {@code for}, as in Prometheus' restore of the for-state. Firing alerts stay firing,
 * notified groups stay notified (no repeat before {@code repeat_interval}). Alerts of rules that no longer exist are
 * dropped.
 * <p>
 * <b>Thread-safety.</b> Every public method is thread-safe. One {@link #doWork} runs at a time; queries run outside
 * the state lock; the API (silences, listeners, snapshots) never waits for a query. {@link #snapshot()} is a volatile
 * read of an immutable snapshot rebuilt after every change.
 */
public final class AlertManager implements AutoCloseable
{
    private static final long MIN_IDLE_MS = 10;
    private static final long MAX_IDLE_MS = 250;

    private final AlertSettings settings;
    private final EpochClock clock;
    private final long intervalMs;
    private final ExpressionEvaluator evaluator;
    private final Map<String, RuleState> rules = new LinkedHashMap<>();
    private final Silences silences = new Silences();
    private final Dispatcher dispatcher;
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private final boolean hasListenerReceiver;
    private final AlertStateFile stateFile;
    private final AlertCounters counters;
    private final DistinctErrors errors = new DistinctErrors();
    /** Guards rules, silences, dispatcher and the fields below. */
    private final ReentrantLock lock = new ReentrantLock();
    /** One duty cycle at a time (the agent's, or a test's). */
    private final Object dutyCycle = new Object();
    private volatile AlertsSnapshot snapshot = AlertsSnapshot.EMPTY;
    /** Written by the duty cycle, read by {@link #nextDeadlineMs()} from any thread. */
    private volatile long nextEvaluationMs = ActiveAlert.UNSET;
    private long evaluatedAtMs = ActiveAlert.UNSET;
    private boolean dirty;
    private AgentRunner runner;
    private volatile boolean closed;

    private AlertManager(
        final AlertSettings settings, final StoreQueries queries, final Path stateDirectory, final EpochClock clock,
        final EngineCounters registry, final List<NotificationSink> sinks)
    {
        this.settings = settings;
        this.counters = new AlertCounters(registry);
        this.clock = clock;
        this.intervalMs = settings.evaluationInterval().toMillis();
        this.evaluator = new ExpressionEvaluator(queries);
        for (final AlertRule rule : settings.rules())
        {
            rules.put(rule.name(), new RuleState(rule));
        }
        boolean listener = false; // sinks: the caller's list, so that it can stop the senders if a later step fails
        for (final AlertReceiver r : settings.route().receivers())
        {
            sinks.add(switch (r.type())
            {
                case LOG -> new LogSink(r.name());
                case LISTENER -> new ListenerSink(r.name(), listeners, errors, counters);
                case WEBHOOK -> new WebhookSink(r.name(), r.webhook(), errors, counters);
            });
            listener |= r.type() == ReceiverType.LISTENER;
        }
        this.hasListenerReceiver = listener;
        this.dispatcher = new Dispatcher(settings, sinks, errors, counters);
        this.stateFile = stateDirectory == null ? null : new AlertStateFile(stateDirectory);
    }

    /**
     * Creates a manager and restores the state saved in {@code stateDirectory}; nothing runs until {@link #start()}
     * or {@link #doWork(long)}. Webhook receivers start their sender threads here.
     *
     * @param queries        what the rules read (an engine's or a reader's); its clock should be {@code clock}.
     * @param stateDirectory where {@code alerts.json} lives (the engine's data directory); null keeps no state.
     * @param clock          the time of evaluations, timers and silences.
     * @param registry       the engine's self-metric counters: the {@code engine_alert_*} ones are counted there.
     * @throws RuntimeException when the saved state cannot be restored: the webhook senders started so far are stopped
     *                          first (close failures suppressed on the exception), and {@code alerts.json} is left as
     *                          it was.
     */
    public static AlertManager create(
        final AlertSettings settings, final StoreQueries queries, final Path stateDirectory, final EpochClock clock,
        final EngineCounters registry)
    {
        final List<NotificationSink> started = new ArrayList<>();
        try
        {
            final AlertManager manager = new AlertManager(
                Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(queries, "queries"), stateDirectory,
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(registry, "registry"), started);
            manager.restore(clock.time());
            return manager;
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.closeAll(ex::addSuppressed, started); // not close(): it would save over alerts.json
            throw ex;
        }
    }

    /**
     * Starts the agent thread ({@code analytics-alerts}, daemon) when there are rules; does nothing without rules
     * or when already started.
     */
    public void start()
    {
        lock.lock();
        try
        {
            ensureOpen();
            if (runner != null || rules.isEmpty())
            {
                return;
            }
            final long idleMs = Math.max(MIN_IDLE_MS, Math.min(MAX_IDLE_MS, intervalMs / 10));
            runner = DaemonAgents.start(new AlertAgent(this, clock), new SleepingMillisIdleStrategy(idleMs),
                t -> errors.onError(counters.evaluationErrors::increment, "alert agent", t), "analytics-alerts");
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * One duty cycle at {@code nowMs}: evaluates the rules if an evaluation is due, flushes due groups, saves a
     * changed state. Never throws: errors are counted ({@link AlertCounts}) and logged once.
     *
     * @return the work done (evaluations and flushes); 0 when there was nothing to do.
     */
    public int doWork(final long nowMs)
    {
        synchronized (dutyCycle)
        {
            if (closed)
            {
                return 0;
            }
            try
            {
                return cycle(nowMs);
            }
            catch (final Throwable t)
            {
                errors.onError(counters.evaluationErrors::increment, "alert duty cycle", t);
                return 0;
            }
        }
    }

    private int cycle(final long nowMs)
    {
        int work = 0;
        Map<RuleState, Map<Map<String, String>, Double>> results = null;
        if (!rules.isEmpty() && (nextEvaluationMs == ActiveAlert.UNSET || nowMs - nextEvaluationMs >= 0))
        {
            results = evaluate();
            nextEvaluationMs = (nextEvaluationMs == ActiveAlert.UNSET ? nowMs : nextEvaluationMs) + intervalMs;
            if (nextEvaluationMs - nowMs <= 0)
            {
                nextEvaluationMs = nowMs + intervalMs;
            }
            work++;
        }
        lock.lock();
        try
        {
            if (results != null)
            {
                for (final Map.Entry<RuleState, Map<Map<String, String>, Double>> e : results.entrySet())
                {
                    dirty |= e.getKey().apply(nowMs, e.getValue());
                }
                evaluatedAtMs = nowMs;
                dirty |= !trackedAlerts().isEmpty();
            }
            dirty |= silences.prune(nowMs);
            work += dispatcher.process(nowMs, trackedAlerts(), silences, this::forget);
            dirty |= dispatcher.takeChanged();
            if (work > 0 || dirty)
            {
                publish(nowMs);
            }
            if (dirty)
            {
                save();
            }
        }
        finally
        {
            lock.unlock();
        }
        return work;
    }

    /** Runs every rule's expression, outside the state lock. A rule whose query fails is left out (and counted). */
    private Map<RuleState, Map<Map<String, String>, Double>> evaluate()
    {
        evaluator.startCycle();
        final Map<RuleState, Map<Map<String, String>, Double>> results = new LinkedHashMap<>();
        for (final RuleState rule : rules.values())
        {
            try
            {
                results.put(rule, evaluator.evaluate(rule.rule.expr()));
                counters.evaluations.increment();
            }
            catch (final Throwable t)
            {
                errors.onError(counters.evaluationErrors::increment, "rule " + rule.rule.name(), t);
            }
        }
        return results;
    }

    private void forget(final ActiveAlert alert)
    {
        final RuleState rule = rules.get(alert.rule);
        if (rule != null)
        {
            rule.forget(alert.fingerprint);
        }
    }

    /** @return every tracked alert, by rule order then creation. Under the lock. */
    private List<ActiveAlert> trackedAlerts()
    {
        final List<ActiveAlert> all = new ArrayList<>();
        for (final RuleState rule : rules.values())
        {
            all.addAll(rule.alerts.values());
        }
        return all;
    }

    /** @return when {@link #doWork} next has work: the next evaluation or group flush (epoch ms). */
    public long nextDeadlineMs()
    {
        lock.lock();
        try
        {
            final long evaluation = rules.isEmpty() ? Long.MAX_VALUE :
                nextEvaluationMs == ActiveAlert.UNSET ? clock.time() : nextEvaluationMs;
            return Math.min(evaluation, dispatcher.nextFlushMs());
        }
        finally
        {
            lock.unlock();
        }
    }

    /** @return the tracked alerts and the silences as of the last change (immutable). */
    public AlertsSnapshot snapshot()
    {
        return snapshot;
    }

    /** @return the tracked alerts: pending, firing, and resolved ones not yet notified. */
    public List<Alert> alerts()
    {
        return snapshot.alerts();
    }

    /** @return the silences: pending, active, and those expired less than a day ago. */
    public List<Silence> silences()
    {
        return snapshot.silences();
    }

    /**
     * Adds a silence; it mutes matching alerts from the next group flush on, and is saved with the state.
     *
     * @param matchers  label name -> exact value; not empty.
     * @param startsAt  start, or null for now.
     * @param endsAt    end, after the start and after now.
     * @param comment   why (not null).
     * @param createdBy who (not null).
     * @return the silence, with a new UUID id.
     * @throws IllegalArgumentException for empty matchers or an end not after the start and now.
     */
    public Silence addSilence(
        final Map<String, String> matchers, final Instant startsAt, final Instant endsAt, final String comment,
        final String createdBy)
    {
        Objects.requireNonNull(matchers, "matchers");
        Objects.requireNonNull(endsAt, "endsAt");
        lock.lock();
        try
        {
            ensureOpen();
            final long nowMs = clock.time();
            final long startMs = startsAt == null ? nowMs : startsAt.toEpochMilli();
            if (endsAt.toEpochMilli() <= Math.max(startMs, nowMs))
            {
                throw new IllegalArgumentException("a silence must end after its start and after now: starts " +
                    Instant.ofEpochMilli(startMs) + ", ends " + endsAt + ", now " + Instant.ofEpochMilli(nowMs));
            }
            final Silence silence = new Silence(UUID.randomUUID().toString(), matchers, startMs, endsAt.toEpochMilli(),
                comment, createdBy);
            silences.put(silence);
            changedByApi(nowMs);
            return silence;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Ends a silence now (a pending one is removed); matching alerts are notified again from the next group flush.
     *
     * @return false when no pending or active silence has that id.
     */
    public boolean expireSilence(final String id)
    {
        lock.lock();
        try
        {
            ensureOpen();
            final long nowMs = clock.time();
            final boolean expired = silences.expire(id, nowMs);
            if (expired)
            {
                changedByApi(nowMs);
            }
            return expired;
        }
        finally
        {
            lock.unlock();
        }
    }

    private void changedByApi(final long nowMs)
    {
        dirty = true;
        publish(nowMs);
        save();
    }

    /**
     * Registers a listener for the notifications of the {@code listener} receiver.
     *
     * @throws IllegalStateException when the route has no receiver of type listener.
     */
    public void addListener(final AlertListener listener)
    {
        Objects.requireNonNull(listener, "listener");
        if (!hasListenerReceiver)
        {
            throw new IllegalStateException("alerts.route.receivers has no receiver of type listener: " +
                "add '- type: listener' to receive notifications in Java");
        }
        listeners.add(listener);
    }

    /** @return true when the listener was registered. */
    public boolean removeListener(final AlertListener listener)
    {
        return listeners.remove(listener);
    }

    /** @return the counters (evaluations, notifications, errors, webhook deliveries). */
    public AlertCounts counts()
    {
        return counters.snapshot();
    }

    /** @return the settings this manager runs with. */
    public AlertSettings settings()
    {
        return settings;
    }

    /** @return true when the agent thread runs. */
    public boolean running()
    {
        final AgentRunner r = runner;
        return r != null && !r.isClosed();
    }

    /**
     * Stops the agent thread (waiting for a running evaluation), saves the state, and closes the receivers (a webhook
     * sender gets a few seconds to deliver what is queued). Idempotent.
     */
    @Override
    public void close()
    {
        final AgentRunner r;
        lock.lock();
        try
        {
            r = runner;
        }
        finally
        {
            lock.unlock();
        }
        if (r != null)
        {
            r.close();
        }
        synchronized (dutyCycle)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            lock.lock();
            try
            {
                if (dirty)
                {
                    save(); // only a change not yet saved (a failed write): every change is saved when it happens
                }
            }
            finally
            {
                lock.unlock();
            }
        }
        for (final NotificationSink sink : dispatcher.sinks())
        {
            try
            {
                sink.close();
            }
            catch (final Throwable t)
            {
                errors.onError(counters.sinkErrors::increment, "receiver " + sink.name(), t);
            }
        }
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("alert manager is closed");
        }
    }

    /** Rebuilds the snapshot. Under the lock. */
    private void publish(final long nowMs)
    {
        final List<ActiveAlert> all = trackedAlerts();
        final List<Alert> alerts = new ArrayList<>(all.size());
        for (final ActiveAlert a : all)
        {
            alerts.add(a.toAlert(silences.silencing(a.labels, nowMs), dispatcher.inhibited(a, all)));
        }
        snapshot = new AlertsSnapshot(nowMs, alerts, silences.list());
    }

    /** Writes the state file (if any). Under the lock; a failure is counted and logged once. */
    private void save()
    {
        dirty = false;
        if (stateFile == null)
        {
            return;
        }
        try
        {
            stateFile.save(AlertStateCodec.encode(evaluatedAtMs, trackedAlerts(), dispatcher.groups.values(),
                silences.list()));
        }
        catch (final IOException | RuntimeException ex)
        {
            errors.onError(counters.persistErrors::incrementAndGet, "saving " + stateFile.path(), ex);
        }
    }

    /** Loads the saved state and the configured silences. Called once, before the manager is shared. */
    private void restore(final long nowMs)
    {
        lock.lock();
        try
        {
            final AlertStateFile.State state = stateFile == null ? null : stateFile.load();
            if (state != null)
            {
                final long downtimeMs = state.evaluatedAtMs() == ActiveAlert.UNSET ? 0 :
                    Math.max(0, nowMs - state.evaluatedAtMs());
                for (final ActiveAlert a : AlertStateCodec.decodeAlerts(state, downtimeMs))
                {
                    final RuleState rule = rules.get(a.rule);
                    if (rule != null)
                    {
                        rule.alerts.put(a.fingerprint, a);
                    }
                }
                AlertStateCodec.decodeGroups(state).forEach(g -> dispatcher.groups.put(g.key, g));
                AlertStateCodec.decodeSilences(state).forEach(silences::put);
                evaluatedAtMs = state.evaluatedAtMs();
            }
            for (final SilenceSettings s : settings.silences())
            {
                final String id = configSilenceId(s);
                if (!silences.contains(id) && s.endsAtMs(nowMs) > nowMs)
                {
                    silences.put(new Silence(id, s.matchers(), s.startsAtMs(nowMs), s.endsAtMs(nowMs), s.comment(),
                        s.createdBy()));
                    dirty = true;
                }
            }
            publish(nowMs);
        }
        finally
        {
            lock.unlock();
        }
    }

    /** @return a stable id for a silence of the configuration: {@code config-} and the fingerprint of its fields. */
    static String configSilenceId(final SilenceSettings s)
    {
        final Map<String, String> fields = new LinkedHashMap<>(s.matchers());
        fields.put("\u0000starts_at", String.valueOf(s.startsAt()));
        fields.put("\u0000ends_at", String.valueOf(s.endsAt()));
        fields.put("\u0000duration", String.valueOf(s.duration()));
        fields.put("\u0000comment", s.comment());
        return "config-" + LabelSets.fingerprint(fields);
    }
}
