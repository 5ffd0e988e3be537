package dev.bridge.analytics.remote;

import dev.bridge.analytics.agent.DaemonAgents;
import dev.bridge.analytics.logging.DistinctLog;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.RemoteWriteSettings;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.export.ExportSnapshot;
import dev.bridge.analytics.query.NativeBuckets;
import dev.bridge.analytics.export.SeriesExport;
import dev.bridge.analytics.export.SnapshotPart;
import dev.bridge.analytics.pipeline.EngineCounters;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.export.SnapshotSource;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xerial.snappy.SnappyError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Pushes the engine's closed time steps to a Prometheus remote-write receiver ({@code export.remote_write}).
 * <p>
 * <b>What is sent.</b> Time is cut into steps of {@code interval} (aligned to multiples of it). Once a step has
 * closed (its end plus a grace of {@value #GRACE_MS} ms, so the consumer has committed it), the exporter reads what
 * the step added to every series from the store ({@link SnapshotSource#snapshot}), adds it to the series'
 * cumulative totals and sends, for every series that has had data, one sample at the step's end: counters their
 * cumulative total, gauges their last value, histograms classic buckets, count and sum and a native histogram
 * (see {@link WriteRequestBuilder}, {@link NativeBuckets}). Whole steps go into a request until it holds
 * {@code max_samples_per_send} samples.
 * <p>
 * <b>Delivery.</b> A 2xx answer acknowledges the request: the totals and the end of its last step are saved in
 * {@code remote-write.json} ({@link RemoteWriteState}), and the next request starts after it. A 5xx or 429 answer,
 * or a network error, keeps the request and retries it after a backoff ({@code min_backoff} doubled per failure up
 * to {@code max_backoff}); while it is retried no newer step is read. Any other 4xx answer drops the request
 * (counted in {@link #droppedRequests()} and {@link #droppedSamples()}, logged with the receiver's message) and moves
 * on. A restart resumes after the last acknowledged step with the saved totals, so counters go on rising across
 * restarts; the receiver gets every step once. Steps older than the raw retention when their turn comes (after an
 * outage longer than it) are no longer in the store at full resolution: they are read as one window from the rollups
 * (the first rollup whose retention covers them, usually one-minute buckets), up to a rollup boundary, and sent as one
 * sample at its end, counted in {@link #foldedSteps()}. Totals stay whole; only the rollup bucket holding the window's
 * start is read whole or not at all (a rollup bucket counts when it starts in the window), so the part of it after
 * the last acknowledged step is left out.
 * <p>
 * <b>Never blocking the pipeline.</b> The exporter only reads the store, on its own thread: the backlog while a
 * receiver is down is the store itself (the steps after the last acknowledged one), so nothing is queued in memory
 * beyond one request, and nothing recorded waits for the receiver.
 * <p>
 * <b>Close.</b> {@link #close()} stops the thread, then pushes every step up to the end of the current raw bucket
 * (the last one partial), retrying for at most {@code close_timeout}; what is still unsent then is sent by the next
 * start.
 * <p>
 * Thread-safety: {@link #doWork()} from one thread at a time (the runner's, or a test's); the counters from any
 * thread; {@link #close()} once, from any thread.
 */
public final class RemoteWriteExporter implements Agent, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteExporter.class);
    /**
     * The least time after a step's end before its data is read (the consumer commits every commit_interval and at
     * least every tick_interval; {@link #graceMs} adds those to a half-second margin when they are longer).
     */
    static final long GRACE_MS = 1000;
    private static final long IDLE_SLEEP_MS = 50;
    /** How long close() lets a send in flight finish before it interrupts the thread. */
    private static final int RUNNER_CLOSE_MS = 200;
    /** Distinct failures logged before the exporter stops logging new ones (until the next success clears them). */
    private static final int MAX_LOGGED_ERRORS = 64;
    /** Reads of the running totals before seeding gives up waiting for a moment with no commit between them. */
    private static final int SEED_READS = 5;
    private static final Set<SnapshotPart> PARTS = EnumSet.of(SnapshotPart.DISTRIBUTIONS);

    private final SnapshotSource queries;
    private final RemoteWriteSettings settings;
    private final String prefix;
    private final EpochClock clock;
    private final Path stateFile;
    private final RemoteWriteClient client;
    private final long intervalMs;
    private final long rawMs;
    private final long rawRetentionMs;
    /** Width of the first rollup (aggregation_interval): a catch-up window ends on one of its boundaries. */
    private final long rollupMs;
    /** What a step's end waits for before it is read: {@link #GRACE_MS}, or more with slow commit settings. */
    private final long graceMs;
    /** Widths of the rollup resolutions, finest first: a catch-up window ends on a boundary of one of them. */
    private final long[] rollupWidthsMs;
    private final List<Resolution> resolutions;
    private boolean lastBuildFailed;
    private final Map<String, Integer> schemas = new HashMap<>(); // filled before the thread starts
    private final DistinctLog loggedErrors =
        new DistinctLog(LOG, MAX_LOGGED_ERRORS);
    private RemoteWriteState state;
    /** Whether this run has carried in the store's running totals of the series its state lacks. */
    private boolean seeded;
    /** Whether the batch being built has been seeded (the flag above is set once a batch is built). */
    private boolean seedingBuilt;
    private Batch pending;
    private int failures;
    private long nextAttemptMs;
    private AgentRunner runner;
    private volatile boolean closed;
    /**
     * The registry's {@code engine_remote_write_*} counters, counted here (atomic adds: the exporter's thread, then
     * close()'s thread; exact even if a send outlived the thread's stop).
     */
    private final AtomicCounter samplesAcknowledged;
    private final AtomicCounter failedAttempts;
    private final AtomicCounter droppedSamples;
    private final AtomicCounter foldedSteps;
    /** The exporter's own breakdown, not self-metrics (the float part of {@link #samplesAcknowledged}, requests). */
    private volatile long requests;
    private volatile long samplesSent;
    private volatile long histogramsSent;
    private volatile long droppedRequests;
    private volatile long errors;
    private volatile long ackedUntilMs;

    /**
     * A built request and what acknowledging it makes the state; {@code partial} when it ends with close()'s partial
     * step (its state stays at that step's start, so building again would send the step again).
     */
    private record Batch(byte[] protobuf, RemoteWriteState next, int samples, int histograms, boolean partial)
    {
    }

    /**
     * An exporter driven by the caller's {@link #doWork()} calls (tests); see {@link #start} for one on its own thread.
     *
     * @param queries       the queries of the engine whose store is pushed.
     * @param config        the engine's configuration (resolutions, catalog, export prefix).
     * @param settings      URL, interval, labels, limits.
     * @param dataDirectory where {@code remote-write.json} is kept.
     * @param clock         the engine's clock: steps close by it.
     * @param registry      the engine's self-metric counters: the {@code engine_remote_write_*} ones are counted there.
     */
    public RemoteWriteExporter(
        final SnapshotSource queries, final EngineConfig config, final RemoteWriteSettings settings,
        final Path dataDirectory, final EpochClock clock, final EngineCounters registry)
    {
        if (settings.url() == null)
        {
            throw new IllegalArgumentException("remote_write has no url");
        }
        this.samplesAcknowledged = registry.counter(SelfMetric.REMOTE_WRITE_SAMPLES);
        this.failedAttempts = registry.counter(SelfMetric.REMOTE_WRITE_FAILED_ATTEMPTS);
        this.droppedSamples = registry.counter(SelfMetric.REMOTE_WRITE_DROPPED_SAMPLES);
        this.foldedSteps = registry.counter(SelfMetric.REMOTE_WRITE_FOLDED_STEPS);
        this.queries = queries;
        this.settings = settings;
        this.prefix = config.export().prefix();
        this.clock = clock;
        this.stateFile = dataDirectory.resolve(RemoteWriteState.FILE);
        this.client = new RemoteWriteClient(settings.url(), settings.timeout(), settings.headers());
        this.intervalMs = settings.interval().toMillis();
        this.rawMs = config.engine().rawResolution().toMillis();
        this.rawRetentionMs = config.engine().rawRetention().toMillis();
        this.rollupMs = config.engine().aggregationInterval().toMillis();
        this.graceMs = Math.max(GRACE_MS,
            config.engine().commitInterval().toMillis() + config.engine().tickInterval().toMillis() + 500);
        this.resolutions = config.engine().resolutions();
        this.rollupWidthsMs = resolutions.stream().filter(r -> r.index() > 0).mapToLong(Resolution::widthMs)
            .sorted().toArray();
        for (final MetricDefinition m : config.metrics())
        {
            if (m.type() == MetricType.HISTOGRAM)
            {
                schemas.put(m.name(), NativeBuckets.schemaFor(m.histogram().significantDigits()));
            }
        }
        this.state = loadState(clock.time());
        this.ackedUntilMs = state.ackedUntilMs;
    }

    /** @return an exporter running on its own daemon thread ({@code remote-write}) until {@link #close()}. */
    public static RemoteWriteExporter start(
        final SnapshotSource queries, final EngineConfig config, final RemoteWriteSettings settings,
        final Path dataDirectory, final EpochClock clock, final EngineCounters registry)
    {
        final RemoteWriteExporter exporter =
            new RemoteWriteExporter(queries, config, settings, dataDirectory, clock, registry);
        exporter.runner = DaemonAgents.start(
            exporter, new SleepingMillisIdleStrategy(IDLE_SLEEP_MS), exporter::onError, exporter.roleName());
        return exporter;
    }

    @Override
    public String roleName()
    {
        return "remote-write";
    }

    /**
     * One cycle: retries the pending request when its backoff is over, else sends the steps closed by now.
     *
     * @return 1 when it sent a request, else 0.
     */
    @Override
    public int doWork()
    {
        final long nowMs = clock.time();
        if (pending == null)
        {
            final long closedUntilMs = Math.floorDiv(nowMs - graceMs, intervalMs) * intervalMs;
            pending = guardedBuild(nowMs, closedUntilMs, Long.MIN_VALUE);
            if (pending == null)
            {
                return 0;
            }
            nextAttemptMs = nowMs;
        }
        if (nowMs < nextAttemptMs)
        {
            return 0;
        }
        attempt(nowMs);
        return 1;
    }

    /**
     * Stops the thread, then pushes every step up to the end of the current raw bucket, retrying within
     * {@code close_timeout}. Call after the engine has committed what it holds. Idempotent.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return; // a second caller waited (synchronized) until the first one's last push was over
        }
        closed = true;
        if (runner != null)
        {
            runner.close(RUNNER_CLOSE_MS, Thread::interrupt); // a send in flight is interrupted, not waited for
        }
        final long deadlineNs = System.nanoTime() + settings.closeTimeout().toNanos();
        final long nowMs = clock.time();
        final long untilMs = Math.floorDiv(nowMs, intervalMs) * intervalMs;
        final long finalPointMs = Math.floorDiv(nowMs, rawMs) * rawMs + rawMs; // the end of now's raw bucket
        while (System.nanoTime() - deadlineNs < 0)
        {
            if (pending == null)
            {
                pending = guardedBuild(nowMs, untilMs, finalPointMs);
                if (pending == null && !lastBuildFailed)
                {
                    return; // everything sent
                }
                if (pending == null)
                {
                    break; // the store could not be read (logged): the next start sends what is left
                }
            }
            final long leftNs = deadlineNs - System.nanoTime();
            final boolean last = pending.partial();
            if (attempt(clock.time(), Duration.ofNanos(Math.min(settings.timeout().toNanos(), Math.max(leftNs, 1)))))
            {
                if (last)
                {
                    return; // the partial step went out: everything committed by now has been sent
                }
                continue;
            }
            final long waitMs = Math.min(backoffMs(), TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
            if (waitMs > 0)
            {
                try
                {
                    Thread.sleep(waitMs);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        LOG.warn("remote write to {}: close_timeout ({} s) passed with steps after {} unsent; the next start sends them",
            settings.url(), settings.closeTimeout().toSeconds(), Instant.ofEpochMilli(ackedUntilMs));
    }

    /** @return requests acknowledged (2xx). */
    public long requests()
    {
        return requests;
    }

    /** @return float samples acknowledged. */
    public long samplesSent()
    {
        return samplesSent;
    }

    /** @return native histogram samples acknowledged. */
    public long histogramsSent()
    {
        return histogramsSent;
    }

    /** @return attempts that failed with a 5xx or 429 answer or a network error (each retried). */
    public long failedAttempts()
    {
        return failedAttempts.get();
    }

    /** @return requests the receiver refused with a 4xx answer other than 429 (dropped, not retried). */
    public long droppedRequests()
    {
        return droppedRequests;
    }

    /** @return samples and histograms of the dropped requests. */
    public long droppedSamples()
    {
        return droppedSamples.get();
    }

    /**
     * @return steps older than the raw retention when their turn came (after an outage longer than it), sent folded
     *         into one sample read from the rollups instead of one sample each.
     */
    public long foldedSteps()
    {
        return foldedSteps.get();
    }

    /** @return cycles that failed otherwise (the store could not be read, the state not saved), logged once each. */
    public long errors()
    {
        return errors;
    }

    /** @return epoch ms up to which the receiver has acknowledged (or refused) every step. */
    public long ackedUntilMs()
    {
        return ackedUntilMs;
    }

    /** @return this exporter's counts now, an immutable read-only view (what the engine facade hands out). */
    public RemoteWriteCounts counts()
    {
        return new RemoteWriteCounts(requests(), samplesSent(), histogramsSent(), failedAttempts(), droppedRequests(),
            droppedSamples(), foldedSteps(), errors(), ackedUntilMs());
    }

    private RemoteWriteState loadState(final long nowMs)
    {
        final String url = settings.url().toString();
        try
        {
            final RemoteWriteState saved = RemoteWriteState.load(stateFile);
            if (saved != null && saved.url.equals(url))
            {
                LOG.info("remote write to {}: resuming after {}", url, Instant.ofEpochMilli(saved.ackedUntilMs));
                return saved;
            }
            if (saved != null)
            {
                LOG.info("remote write: the URL changed from {} to {}: starting anew", saved.url, url);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            errors++;
            final Path aside = stateFile.resolveSibling(RemoteWriteState.FILE + ".unreadable");
            LOG.error("remote write: cannot read {} ({}); moved to {}, starting anew from now (history is not sent " +
                "again: the receiver may hold it already)", stateFile, ex.getMessage(), aside);
            try
            {
                Files.move(stateFile, aside, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final IOException moveFailure)
            {
                LOG.error("remote write: cannot move {} aside: {}", stateFile, moveFailure.getMessage());
            }
            return new RemoteWriteState(url, Math.floorDiv(nowMs, intervalMs) * intervalMs, new LinkedHashMap<>());
        }
        // a new receiver gets what the store keeps at full resolution
        final long startMs = Math.floorDiv(nowMs - rawRetentionMs, intervalMs) * intervalMs + intervalMs;
        return new RemoteWriteState(url, startMs, new LinkedHashMap<>());
    }

    private Batch guardedBuild(final long nowMs, final long untilMs, final long finalPointMs)
    {
        lastBuildFailed = false;
        try
        {
            return build(nowMs, untilMs, finalPointMs);
        }
        catch (final RuntimeException ex)
        {
            lastBuildFailed = true;
            onError(ex);
            return null;
        }
    }

    /**
     * Builds the request of the steps after the acknowledged one that end at or before {@code untilMs}, then (on
     * close) one partial step ending at {@code finalPointMs}; null when there is none.
     */
    private Batch build(final long nowMs, final long untilMs, final long finalPointMs)
    {
        long fromMs = state.ackedUntilMs;
        seedingBuilt = false;
        final long oldestMs = oldestRawStepMs(nowMs);
        final Map<String, SeriesTotals> totals = SeriesTotals.copyAll(state.series);
        final WriteRequestBuilder request = new WriteRequestBuilder(settings, prefix);
        int steps = 0;
        RemoteWriteState resume = null;
        if (fromMs < oldestMs && state.series.isEmpty())
        {
            fromMs = oldestMs; // nothing sent yet: start with what the store keeps at full resolution
        }
        else if (fromMs < oldestMs)
        {
            // the raw buckets of these steps have expired: one window read from the rollups, up to a boundary of
            // the rollup it is read from (so no rollup bucket reaches past it), sent as one sample at its end
            final long catchUpEndMs = catchUpEndMs(nowMs, fromMs, oldestMs, untilMs);
            if (catchUpEndMs < 0)
            {
                return null; // that boundary has not closed yet: the next cycles catch up
            }
            final long folded = (catchUpEndMs - fromMs + intervalMs - 1) / intervalMs;
            foldedSteps.getAndAdd(folded);
            LOG.warn("remote write to {}: the {} steps from {} to {} are older than raw_retention: sent as one sample " +
                "read from the rollups", settings.url(), folded, Instant.ofEpochMilli(fromMs),
                Instant.ofEpochMilli(catchUpEndMs));
            seedOnce(fromMs, totals);
            addStep(fromMs, catchUpEndMs, totals, request);
            fromMs = catchUpEndMs;
            steps++;
        }
        while (true)
        {
            long toMs = Math.floorDiv(fromMs, intervalMs) * intervalMs + intervalMs;
            if (toMs > untilMs)
            {
                if (finalPointMs <= fromMs || finalPointMs == Long.MIN_VALUE)
                {
                    break;
                }
                toMs = Math.min(toMs, finalPointMs);
                // a partial step (close): sent, but the saved position stays at its start with the totals there, so
                // the next start reads the whole step again and what is committed after this read is not lost
                resume = new RemoteWriteState(state.url, fromMs, SeriesTotals.copyAll(totals));
            }
            seedOnce(fromMs, totals);
            addStep(fromMs, toMs, totals, request);
            fromMs = toMs;
            steps++;
            if (request.samples() + request.histograms() >= settings.maxSamplesPerSend())
            {
                break;
            }
        }
        if (steps == 0)
        {
            return null;
        }
        seeded = true;
        return new Batch(request.build().toByteArray(),
            resume != null ? resume : new RemoteWriteState(state.url, fromMs, totals),
            request.samples(), request.histograms(), resume != null);
    }

    /**
     * @return the first step end whose raw buckets are all still kept at {@code nowMs}, with a margin of one
     *         aggregation_interval (the snapshot reads the clock again, and resolves a range to raw buckets only while
     *         the raw retention covers its start).
     */
    private long oldestRawStepMs(final long nowMs)
    {
        return Math.floorDiv(nowMs - rawRetentionMs + rollupMs, intervalMs) * intervalMs + intervalMs;
    }

    /**
     * @return the end of a catch-up window from {@code fromMs}: the first boundary at or after {@code oldestMs} of the
     *         finest rollup width that is a multiple of the width the window will be read at (the finest rollup whose
     *         retention covers {@code fromMs}, as {@code TimeRange.resolve} chooses), closed by {@code untilMs};
     *         -1 when no such boundary has closed yet.
     */
    private long catchUpEndMs(final long nowMs, final long fromMs, final long oldestMs, final long untilMs)
    {
        long readWidthMs = 0;
        long longestRetentionWidthMs = 0;
        long longestRetentionMs = -1;
        for (final Resolution r : resolutions)
        {
            if (r.retentionMs() > longestRetentionMs)
            {
                longestRetentionMs = r.retentionMs();
                longestRetentionWidthMs = r.widthMs();
            }
            if (readWidthMs == 0 && fromMs >= nowMs - r.retentionMs())
            {
                readWidthMs = r.widthMs();
            }
        }
        if (readWidthMs == 0)
        {
            readWidthMs = longestRetentionWidthMs;
        }
        for (final long widthMs : rollupWidthsMs)
        {
            final long endMs = Math.floorDiv(oldestMs + widthMs - 1, widthMs) * widthMs;
            if (widthMs % readWidthMs == 0 && endMs <= untilMs)
            {
                return endMs;
            }
        }
        return -1;
    }

    /** Seeds {@code totals} ({@link #seed}) before the first step this run sends; a no-op afterwards. */
    private void seedOnce(final long fromMs, final Map<String, SeriesTotals> totals)
    {
        if (!seeded && !seedingBuilt)
        {
            seed(fromMs, totals);
            seedingBuilt = true;
        }
    }

    /**
     * Carries in what every series that the state lacks had recorded before {@code fromMs}: the store's running
     * totals since it was created (as {@code /metrics} exports them) less what the store holds from {@code fromMs}
     * on, so that the values sent equal the scrape's and the query API's (one set of totals), not counts since this
     * exporter first saw the series. The second read ends at the raw bucket of a clock time read after the totals
     * (not the cycle's {@code nowMs}, which commits may have passed since), so it holds everything the totals count
     * from {@code fromMs} on; the totals are read again after it and the three reads repeated (at most
     * {@link #SEED_READS} times) until no commit fell between them, so nothing is carried in twice or lost.
     */
    private void seed(final long fromMs, final Map<String, SeriesTotals> totals)
    {
        ExportSnapshot lifetime = queries.totals(PARTS);
        Map<String, SeriesExport> after = Map.of();
        for (int read = 1; read <= SEED_READS; read++)
        {
            final long endMs = Math.floorDiv(clock.time(), rawMs) * rawMs + rawMs;
            after = new HashMap<>();
            if (endMs > fromMs)
            {
                for (final SeriesExport s : queries.snapshot(
                    TimeRange.between(Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(endMs)), PARTS).series())
                {
                    after.put(s.key(), s);
                }
            }
            final ExportSnapshot again = queries.totals(PARTS);
            if (sameCounts(lifetime, again))
            {
                break;
            }
            if (read == SEED_READS)
            {
                LOG.warn("remote write to {}: commits kept landing while the store's running totals were read " +
                    "({} tries): a value carried in may be short by what the last commit added", settings.url(), read);
                break;
            }
            lifetime = again;
        }
        for (final SeriesExport s : lifetime.series())
        {
            if (s.hasData() && !totals.containsKey(s.key()))
            {
                final SeriesTotals before = SeriesTotals.before(s, after.get(s.key()),
                    schemas.getOrDefault(s.metric().name(), 0));
                if (before != null)
                {
                    totals.put(s.key(), before);
                }
            }
        }
    }

    /** @return whether every series has the same count (and the same series are present) in both snapshots. */
    private static boolean sameCounts(final ExportSnapshot a, final ExportSnapshot b)
    {
        if (a.series().size() != b.series().size())
        {
            return false;
        }
        for (int i = 0; i < a.series().size(); i++)
        {
            final SeriesExport x = a.series().get(i);
            final SeriesExport y = b.series().get(i);
            if (!x.key().equals(y.key()) || x.stats().count() != y.stats().count() ||
                !Objects.equals(x.last(), y.last()))
            {
                return false;
            }
        }
        return true;
    }

    /** Reads what [fromMs, toMs) added, adds it to {@code totals} and every series' samples at {@code toMs}. */
    private void addStep(
        final long fromMs, final long toMs, final Map<String, SeriesTotals> totals, final WriteRequestBuilder request)
    {
        final ExportSnapshot step = queries.snapshot(
            TimeRange.between(Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs)), PARTS);
        for (final SeriesExport s : step.series())
        {
            if (s.hasData())
            {
                totals.computeIfAbsent(s.key(), k -> SeriesTotals.empty(schemas.getOrDefault(s.metric().name(), 0)))
                    .add(s);
            }
        }
        for (final SeriesExport s : step.series())
        {
            final SeriesTotals t = totals.get(s.key());
            if (t != null)
            {
                request.add(s, t, toMs);
            }
        }
    }

    private boolean attempt(final long nowMs)
    {
        return attempt(nowMs, settings.timeout());
    }

    /** Sends the pending request once; @return true when it is done with (acknowledged or dropped). */
    private boolean attempt(final long nowMs, final Duration timeout)
    {
        final Batch batch = pending;
        if (batch.samples() + batch.histograms() == 0)
        {
            commit(batch); // steps without any series yet: nothing to send, the position still moves on
            return true;
        }
        final RemoteWriteClient.Answer answer;
        try
        {
            answer = client.send(batch.protobuf(), timeout);
        }
        catch (final IOException ex)
        {
            retryLater(nowMs, "cannot reach " + settings.url() + ": " + describe(ex));
            return false;
        }
        catch (final RuntimeException | SnappyError ex)
        {
            // not the receiver's doing (the request could not be built or compressed): counted, retried after the
            // backoff like a failure, never thrown into the agent runner (it would spin) or close()
            errors++;
            retryLater(nowMs, "cannot send to " + settings.url() + ": " + ex.getClass().getSimpleName() + ": " + describe(ex));
            return false;
        }
        if (answer.ok())
        {
            loggedErrors.forget(); // a failure that comes back after a success is logged again
            requests++;
            samplesSent += batch.samples();
            histogramsSent += batch.histograms();
            samplesAcknowledged.getAndAdd(batch.samples() + batch.histograms());
            commit(batch);
            return true;
        }
        if (answer.retryable())
        {
            retryLater(nowMs, settings.url() + " answered " + answer.status(), answer.body());
            return false;
        }
        droppedRequests++;
        droppedSamples.getAndAdd(batch.samples() + batch.histograms());
        LOG.error("remote write: {} refused a request of {} samples and {} histograms with {} ({}); dropped, not retried",
            settings.url(), batch.samples(), batch.histograms(), answer.status(), answer.body());
        commit(batch);
        return true;
    }

    private void commit(final Batch batch)
    {
        state = batch.next();
        ackedUntilMs = state.ackedUntilMs;
        pending = null;
        failures = 0;
        try
        {
            state.save(stateFile);
        }
        catch (final IOException ex)
        {
            onError(ex);
        }
    }

    private void retryLater(final long nowMs, final String why)
    {
        retryLater(nowMs, why, null);
    }

    /** Counts a failed attempt and sets the next one after the backoff; logs once per {@code why} (not per detail). */
    private void retryLater(final long nowMs, final String why, final String detail)
    {
        failedAttempts.increment();
        final long waitMs = backoffMs();
        failures++;
        nextAttemptMs = nowMs + waitMs;
        if (loggedErrors.first(why))
        {
            LOG.warn("remote write: {}{}; retrying in {} ms (and after each further failure, up to {} s)", why,
                detail == null || detail.isEmpty() ? "" : ": " + detail, waitMs, settings.maxBackoff().toSeconds());
        }
    }

    private long backoffMs()
    {
        final long minMs = settings.minBackoff().toMillis();
        final long maxMs = settings.maxBackoff().toMillis();
        return failures >= 30 ? maxMs : Math.min(maxMs, minMs << failures);
    }

    private static String describe(final Throwable ex)
    {
        return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
    }

    private void onError(final Throwable ex)
    {
        errors++;
        final String what = ex.getClass().getName() + ": " + describe(ex);
        if (loggedErrors.first(what))
        {
            LOG.error("remote write: {}", what, ex);
        }
    }
}
