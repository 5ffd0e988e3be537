package dev.bridge.analytics.export;

import dev.bridge.analytics.agent.DaemonAgents;
import dev.bridge.analytics.logging.DistinctLog;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.StatsdPushSettings;
import dev.bridge.analytics.pipeline.EngineCounters;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.query.AboveHighest;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The periodic StatsD push ({@code export.statsd}): every {@code interval} it sends, over UDP to host:port, what
 * the interval added to each series, as lines of {@link StatsdLines} packed by {@link StatsdPacker}.
 * <p>
 * How a push finds what the interval added: it takes a snapshot of every series' running totals since it was
 * created ({@link SnapshotSource#totals}, what {@code /metrics} exports: one read per series, independent of
 * retention) and subtracts the previous push's (the first cycle only takes that baseline, so history written before
 * the pusher started is not sent). Counters send the delta of their total ({@code |c}, nothing when
 * 0); gauges their last value ({@code |g}, at every push once they have data); histograms the delta of count and
 * sum ({@code |c}) and min, max and percentiles of the interval's values, from the merged HdrHistogram minus the
 * previous one ({@code |g}; nothing when the interval added no value; a percentile that falls among values above the
 * metric's {@code highest} is sent as {@code highest}, and so is the max unless the interval holds every such value
 * seen, when it is their exact max). Deltas are exact whatever the interval, and
 * events committed late (backfill, a slow commit) are sent by the next push. A total that went down (a store replaced
 * under the engine) sends nothing and becomes the new baseline; retention no longer lowers a total (it did when the
 * push read {@link TimeRange#ALL}, and lost the increments of the push that saw a bucket expire).
 * <p>
 * An agent ({@link #doWork()}): reads the injected clock once per cycle; pushes when {@code nowMs} reaches the
 * deadline, then sets the next one an interval later (skipping missed ones). {@link #start} runs it on one daemon
 * thread; {@link #close()} stops it after a last push of what was committed by then. Send failures (unresolvable
 * host, socket errors) are counted in {@link #sendFailures()}; any other error of a cycle is counted in
 * {@link #errors()} and logged once per distinct error; nothing is thrown into the engine.
 * <p>
 * Thread-safety: {@link #doWork()} and {@link #onClose()} from one thread (the runner's, or a test's); the
 * counters may be read from any thread; {@link #close()} from any thread, once.
 */
public final class StatsdPusher implements Agent, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(StatsdPusher.class);
    private static final long IDLE_SLEEP_MS = 50;

    private final SnapshotSource queries;
    private final StatsdPushSettings settings;
    private final EpochClock clock;
    private final StatsdLines lines;
    private final StatsdPacker packer;
    private final DatagramChannel channel;
    private final Map<String, Baseline> baselines = new HashMap<>();
    private final DistinctLog loggedErrors = new DistinctLog(LOG);
    private InetSocketAddress target;
    private boolean started;
    private long nextPushMs;
    private AgentRunner runner;
    /** {@code engine_statsd_push_packets}, {@code _failures}, {@code _dropped_lines}: the registry's, counted here. */
    private final AtomicCounter packetsSent;
    private final AtomicCounter sendFailures;
    private final AtomicCounter droppedLines;
    private volatile long pushes;
    private volatile long linesSent;
    private volatile long errors;

    /** What a series held at the previous push. */
    private record Baseline(long count, long sum, Histogram distribution)
    {
    }

    /**
     * A pusher driven by the caller's {@link #doWork()} calls (tests); see {@link #start} for one on its own thread.
     *
     * @param queries  the queries of the engine whose store is pushed.
     * @param settings host, port, interval, flavour, packet size.
     * @param prefix   the export prefix prepended to every name.
     * @param clock    read once per cycle.
     * @param registry the engine's self-metric counters: the {@code engine_statsd_push_*} ones are counted there.
     * @throws IllegalStateException when no UDP socket can be opened.
     */
    public StatsdPusher(
        final SnapshotSource queries, final StatsdPushSettings settings, final String prefix, final EpochClock clock,
        final EngineCounters registry)
    {
        this.packetsSent = registry.counter(SelfMetric.STATSD_PUSH_PACKETS);
        this.sendFailures = registry.counter(SelfMetric.STATSD_PUSH_FAILURES);
        this.droppedLines = registry.counter(SelfMetric.STATSD_PUSH_DROPPED_LINES);
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
        this.lines = new StatsdLines(settings.flavour(), prefix);
        this.packer = new StatsdPacker(settings.maxPacketBytes(), this::send);
        try
        {
            channel = DatagramChannel.open();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot open a UDP socket for the StatsD push: " + ex.getMessage(), ex);
        }
        target = new InetSocketAddress(settings.host(), settings.port());
    }

    /** @return a pusher running on its own daemon thread ({@code statsd-push}) until {@link #close()}. */
    public static StatsdPusher start(
        final SnapshotSource queries, final StatsdPushSettings settings, final String prefix, final EpochClock clock,
        final EngineCounters registry)
    {
        final StatsdPusher pusher = new StatsdPusher(queries, settings, prefix, clock, registry);
        try
        {
            pusher.runner = DaemonAgents.start(
                pusher, new SleepingMillisIdleStrategy(IDLE_SLEEP_MS), pusher::onError, pusher.roleName());
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.closeAll(ex::addSuppressed, pusher.channel); // the socket opened by the constructor
            throw ex;
        }
        return pusher;
    }

    @Override
    public String roleName()
    {
        return "statsd-push";
    }

    /**
     * One cycle: the first takes the baseline and sets the first deadline; later ones push when it is reached.
     *
     * @return 1 when it read the store, else 0.
     */
    @Override
    public int doWork()
    {
        final long nowMs = clock.time();
        final long intervalMs = settings.interval().toMillis();
        if (!started)
        {
            started = true;
            nextPushMs = nowMs + intervalMs;
            guarded(() -> push(false));
            return 1;
        }
        if (nextPushMs - nowMs > 0)
        {
            return 0;
        }
        nextPushMs = nowMs - nextPushMs >= intervalMs ? nowMs + intervalMs : nextPushMs + intervalMs;
        guarded(() -> push(true));
        return 1;
    }

    /** Pushes what was committed since the last push (once the baseline exists), then closes the socket. */
    @Override
    public void onClose()
    {
        if (started)
        {
            guarded(() -> push(true));
        }
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            onError(ex);
        }
    }

    /** Stops the thread (after a last push) or, for a pusher without one, does the last push here. Idempotent. */
    @Override
    public void close()
    {
        if (runner != null)
        {
            runner.close();
        }
        else if (channel.isOpen())
        {
            onClose();
        }
    }

    /** @return pushes done (the baseline not counted). */
    public long pushes()
    {
        return pushes;
    }

    /** @return datagrams sent. */
    public long packetsSent()
    {
        return packetsSent.get();
    }

    /** @return line units sent (a negative gauge's two lines count once). */
    public long linesSent()
    {
        return linesSent;
    }

    /** @return line units longer than {@code max_packet_bytes} on their own, dropped. */
    public long droppedLines()
    {
        return droppedLines.get();
    }

    /** @return datagrams that could not be sent (unresolved host, socket error). */
    public long sendFailures()
    {
        return sendFailures.get();
    }

    /** @return cycles that failed otherwise (e.g. the store could not be read), each logged once per kind. */
    public long errors()
    {
        return errors;
    }

    /** @return this pusher's counts now, an immutable read-only view (what the engine facade hands out). */
    public StatsdPushCounts counts()
    {
        return new StatsdPushCounts(pushes(), packetsSent(), linesSent(), droppedLines(), sendFailures(), errors());
    }

    private void guarded(final Runnable cycle)
    {
        try
        {
            cycle.run();
        }
        catch (final RuntimeException ex)
        {
            onError(ex);
        }
    }

    private void push(final boolean send)
    {
        final ExportSnapshot snapshot = queries.totals(EnumSet.of(SnapshotPart.DISTRIBUTIONS));
        for (final SeriesExport s : snapshot.series())
        {
            if (!s.hasData())
            {
                continue;
            }
            final Histogram distribution = s.distribution();
            final Baseline previous = baselines.put(
                s.key(), new Baseline(s.stats().count(), s.stats().sum(), distribution));
            if (send)
            {
                sendInterval(s, previous, distribution);
            }
        }
        if (send)
        {
            packer.flush();
            pushes++;
            linesSent = packer.lines();
            droppedLines.setRelease(packer.droppedLines()); // the packer's running count, this thread its only writer
        }
    }

    private void sendInterval(final SeriesExport s, final Baseline previous, final Histogram distribution)
    {
        final long count = s.stats().count() - (previous == null ? 0 : previous.count());
        final long sum = s.stats().sum() - (previous == null ? 0 : previous.sum());
        switch (s.metric().type())
        {
            case COUNTER ->
            {
                if (sum > 0 && count >= 0)
                {
                    lines.counter(s, sum, packer::add);
                }
            }
            case GAUGE -> lines.gauge(s, s.last(), packer::add);
            case HISTOGRAM ->
            {
                if (count > 0 && sum >= 0)
                {
                    histogramInterval(s, count, sum, previous == null ? null : previous.distribution(), distribution);
                }
            }
            default -> throw new IllegalStateException("unknown metric type " + s.metric().type());
        }
    }

    private void histogramInterval(
        final SeriesExport s, final long count, final long sum, final Histogram before, final Histogram now)
    {
        final Histogram interval = now.copy();
        if (before != null)
        {
            try
            {
                interval.subtract(before);
            }
            catch (final RuntimeException ex)
            {
                return; // buckets left the store between the pushes: this interval cannot be told apart
            }
        }
        final long min = s.stats().min();
        final long max = s.stats().max();
        final long highest = s.metric().histogram().highestTrackableValue();
        final Map<Double, Long> percentiles = new LinkedHashMap<>();
        for (final Map.Entry<Double, Long> p : s.histogram().percentiles().entrySet())
        {
            percentiles.put(p.getKey(), aboveHighestOrClamped(interval.getValueAtPercentile(p.getKey() * 100.0), min, max,
                highest));
        }
        long intervalMax = aboveHighestOrClamped(interval.getMaxValue(), min, max, highest);
        if (intervalMax == highest && max > highest &&
            (before == null || before.getMaxValue() < interval.lowestEquivalentValue(highest)))
        {
            intervalMax = max; // every value at or above highest came in this interval: the exact max is one of them
        }
        lines.histogram(s, count, sum, clamp(interval.getMinNonZeroValue(), min, max), intervalMax, percentiles,
            packer::add);
    }

    /**
     * @return {@code highest} when the HdrHistogram's {@code value} fell among the values above it (recorded as
     *         {@code highest}; see {@link AboveHighest}), else {@code value} clamped into [min, max].
     */
    private static long aboveHighestOrClamped(final long value, final long min, final long max, final long highest)
    {
        return AboveHighest.fellAbove(value, highest, max) ? highest : clamp(value, min, max);
    }

    private static long clamp(final long value, final long min, final long max)
    {
        return Math.max(min, Math.min(max, value));
    }

    private void send(final ByteBuffer packet)
    {
        try
        {
            if (target.isUnresolved())
            {
                target = new InetSocketAddress(settings.host(), settings.port()); // DNS may answer now
                if (target.isUnresolved())
                {
                    throw new IOException("cannot resolve StatsD host '" + settings.host() + "'");
                }
            }
            channel.send(packet, target);
            packetsSent.increment();
        }
        catch (final IOException ex)
        {
            sendFailures.increment();
            logOnce("send", ex);
        }
    }

    private void onError(final Throwable error)
    {
        errors++;
        logOnce("cycle", error);
    }

    private void logOnce(final String where, final Throwable error)
    {
        try
        {
            final StackTraceElement[] frames = error.getStackTrace();
            if (loggedErrors.first(where + '|' + error.getClass().getName() + '|' + error.getMessage() + '|' +
                (frames.length > 0 ? frames[0] : "")))
            {
                LOG.warn("StatsD push to {}:{}: {} failed (counted; logged once): {}",
                    settings.host(), settings.port(), where, error.toString(), error);
            }
        }
        catch (final Throwable ignore)
        {
            // logging must never stop the pusher
        }
    }
}
