package dev.bridge.analytics.ingest.micrometer;

import dev.bridge.analytics.agent.DaemonAgents;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.logging.DistinctLog;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeFunctionCounter;
import io.micrometer.core.instrument.cumulative.CumulativeFunctionTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.internal.DefaultGauge;
import io.micrometer.core.instrument.internal.DefaultMeter;
import io.micrometer.core.instrument.util.TimeUtils;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A Micrometer 1.17 {@link MeterRegistry} that records into the engine, so code instrumented with Micrometer feeds
 * the ring. Each meter resolves its engine handle once, when Micrometer creates it ({@link MeterTargets}: the
 * builder's name mapping, else the name in snake case; tags whose key is a label of the metric become labels):
 * <ul>
 *   <li>{@link Counter}: every increment added to a counter (fractions carried, {@link CarryingCounter});</li>
 *   <li>{@link Timer}: every duration recorded into a histogram with a time unit, converted to it;</li>
 *   <li>{@link DistributionSummary}: every amount recorded into a histogram, in its unit;</li>
 *   <li>{@link Gauge} (and {@link TimeGauge}, in the metric's time unit when it has one), {@link FunctionCounter}:
 *       read by {@link #poll()} every {@code pollInterval} (gauges set, function counters' gains added);</li>
 *   <li>{@link LongTaskTimer}: into a histogram, each finished task's duration; into a gauge, the active tasks at each
 *       poll.</li>
 * </ul>
 * A meter whose metric is missing or of another type still works as a Micrometer meter (its own statistics, which
 * are those of Micrometer's cumulative meters) and is counted in {@link #unmappedMeters()} and logged once; so are
 * {@link FunctionTimer}s and custom meters, which the engine has no type for. The recording path of a counter, timer
 * or summary is Micrometer's cumulative meter plus the engine handle: no lock, no allocation beyond Micrometer's own.
 * <p>
 * Thread-safety: every meter and method is thread-safe. {@link #close()} stops the poll thread after a last poll;
 * close the registry before the engine.
 */
public final class AnalyticsMeterRegistry extends MeterRegistry implements AutoCloseable
{
    private static final Set<MetricType> COUNTER = Set.of(MetricType.COUNTER);
    private static final Set<MetricType> HISTOGRAM = Set.of(MetricType.HISTOGRAM);
    private static final Set<MetricType> GAUGE = Set.of(MetricType.GAUGE);
    private static final Set<MetricType> HISTOGRAM_OR_GAUGE = Set.of(MetricType.HISTOGRAM, MetricType.GAUGE);

    private final AnalyticsEngine engine;
    private final MeterTargets targets;
    private final Map<Meter.Id, PolledMeter> polled = new ConcurrentHashMap<>();
    private final DistinctLog log = new DistinctLog(LoggerFactory.getLogger("dev.bridge.analytics.ingest"));
    private final AtomicLong unmapped = new AtomicLong();
    private final AtomicLong pollErrors = new AtomicLong();
    private final Object pollLock = new Object();
    private AgentRunner poller;

    private AnalyticsMeterRegistry(final Builder builder)
    {
        super(builder.clock);
        this.engine = builder.engine;
        this.targets = new MeterTargets(builder.engine, builder.names);
        config().onMeterRemoved(meter -> polled.remove(meter.getId()));
    }

    /** @return a builder of a registry recording into {@code engine}. */
    public static Builder builder(final AnalyticsEngine engine)
    {
        return new Builder(engine);
    }

    /**
     * Reads every polled meter (gauges, function counters, long task timers mapped to gauges) and publishes it. A
     * function that throws is counted in {@link #pollErrors()} and logged once; the others are still read.
     */
    public void poll()
    {
        synchronized (pollLock)
        {
            for (final Map.Entry<Meter.Id, PolledMeter> e : polled.entrySet())
            {
                try
                {
                    e.getValue().poll();
                }
                catch (final RuntimeException ex)
                {
                    pollErrors.incrementAndGet();
                    log.warnOnce("micrometer: reading meter '" + e.getKey().getName() + "' failed: " + ex);
                }
            }
        }
    }

    /** @return meters created that are not recorded into the engine (no metric, another type, no engine type). */
    public long unmappedMeters()
    {
        return unmapped.get();
    }

    /** @return exceptions thrown by gauge and function-counter functions during polls. */
    public long pollErrors()
    {
        return pollErrors.get();
    }

    /** Stops the poll thread (after a last poll), then closes the meters as Micrometer does. Idempotent. */
    @Override
    public void close()
    {
        final AgentRunner runner;
        synchronized (pollLock)
        {
            runner = poller;
            poller = null;
        }
        if (runner != null)
        {
            runner.close();
        }
        super.close();
    }

    @Override
    protected Counter newCounter(final Meter.Id id)
    {
        final MeterTarget target = resolve(id, COUNTER);
        return new EngineCounter(id, target.recorded() ?
            new CarryingCounter(engine.counter(target.metric().name(), target.labelPairs())) : null);
    }

    @Override
    protected Timer newTimer(
        final Meter.Id id, final DistributionStatisticConfig config, final PauseDetector pauseDetector)
    {
        final MeterTarget target = timeResolve(id, HISTOGRAM);
        return new EngineTimer(id, clock, config, pauseDetector, getBaseTimeUnit(),
            target.recorded() ? engine.histogram(target.metric().name(), target.labelPairs()) : null,
            target.recorded() ? MeterTargets.nanosPerUnit(target.metric().unit()) : Double.NaN);
    }

    @Override
    protected DistributionSummary newDistributionSummary(
        final Meter.Id id, final DistributionStatisticConfig config, final double scale)
    {
        final MeterTarget target = resolve(id, HISTOGRAM);
        return new EngineDistributionSummary(id, clock, config, scale,
            target.recorded() ? engine.histogram(target.metric().name(), target.labelPairs()) : null);
    }

    @Override
    protected <T> Gauge newGauge(final Meter.Id id, final T obj, final ToDoubleFunction<T> valueFunction)
    {
        final Gauge gauge = new DefaultGauge<>(id, obj, valueFunction);
        final MeterTarget target = resolve(id, GAUGE);
        if (target.recorded())
        {
            polled.put(id, PolledMeter.gauge(gauge, engine.gauge(target.metric().name(), target.labelPairs())));
        }
        return gauge;
    }

    @Override
    protected <T> TimeGauge newTimeGauge(
        final Meter.Id id, final T obj, final TimeUnit valueFunctionUnit, final ToDoubleFunction<T> valueFunction)
    {
        final TimeUnit base = getBaseTimeUnit();
        final Meter.Id withUnit = id.withBaseUnit("seconds");
        final Gauge inBase = new DefaultGauge<>(withUnit, obj,
            o -> TimeUtils.convert(valueFunction.applyAsDouble(o), valueFunctionUnit, base));
        final MeterTarget target = resolve(id, GAUGE);
        if (target.recorded())
        {
            // in the metric's time unit when it has one, else in the registry's base unit (seconds)
            final double nanosPerUnit = MeterTargets.nanosPerUnit(target.metric().unit());
            polled.put(withUnit, PolledMeter.gauge(Double.isNaN(nanosPerUnit) ? inBase::value :
                    () -> TimeUtils.convert(inBase.value(), base, TimeUnit.NANOSECONDS) / nanosPerUnit,
                engine.gauge(target.metric().name(), target.labelPairs())));
        }
        return new EngineTimeGauge(withUnit, inBase, base);
    }

    @Override
    protected <T> FunctionCounter newFunctionCounter(final Meter.Id id, final T obj, final ToDoubleFunction<T> countFunction)
    {
        final FunctionCounter counter = new CumulativeFunctionCounter<>(id, obj, countFunction);
        final MeterTarget target = resolve(id, COUNTER);
        if (target.recorded())
        {
            polled.put(id, PolledMeter.counter(counter,
                new CarryingCounter(engine.counter(target.metric().name(), target.labelPairs()))));
        }
        return counter;
    }

    @Override
    protected LongTaskTimer newLongTaskTimer(final Meter.Id id, final DistributionStatisticConfig config)
    {
        final MeterTarget target = timeResolve(id, HISTOGRAM_OR_GAUGE);
        final boolean histogram = target.recorded() && target.metric().type() == MetricType.HISTOGRAM;
        final EngineLongTaskTimer timer = new EngineLongTaskTimer(id, clock, getBaseTimeUnit(), config,
            histogram ? engine.histogram(target.metric().name(), target.labelPairs()) : null,
            histogram ? MeterTargets.nanosPerUnit(target.metric().unit()) : Double.NaN);
        if (target.recorded() && !histogram)
        {
            polled.put(id, PolledMeter.activeTasks(timer, engine.gauge(target.metric().name(), target.labelPairs())));
        }
        return timer;
    }

    @Override
    protected <T> FunctionTimer newFunctionTimer(
        final Meter.Id id, final T obj, final ToLongFunction<T> countFunction, final ToDoubleFunction<T> totalTimeFunction,
        final TimeUnit totalTimeFunctionUnit)
    {
        notRecorded(id, "a function timer has no engine type (it exposes a count and a total, no values)");
        return new CumulativeFunctionTimer<>(id, obj, countFunction, totalTimeFunction, totalTimeFunctionUnit,
            getBaseTimeUnit());
    }

    @Override
    protected Meter newMeter(final Meter.Id id, final Meter.Type type, final Iterable<Measurement> measurements)
    {
        notRecorded(id, "a custom meter has no engine type");
        return new DefaultMeter(id, type, measurements);
    }

    @Override
    protected TimeUnit getBaseTimeUnit()
    {
        return TimeUnit.SECONDS;
    }

    @Override
    protected DistributionStatisticConfig defaultHistogramConfig()
    {
        return DistributionStatisticConfig.DEFAULT;
    }

    private MeterTarget resolve(final Meter.Id id, final Set<MetricType> accepted)
    {
        final MeterTarget target = targets.resolve(id, accepted);
        if (!target.recorded())
        {
            notRecorded(id, target.problem());
        }
        return target;
    }

    /** As {@link #resolve}, and a histogram must have a time unit. */
    private MeterTarget timeResolve(final Meter.Id id, final Set<MetricType> accepted)
    {
        final MeterTarget target = resolve(id, accepted);
        if (target.recorded() && target.metric().type() == MetricType.HISTOGRAM &&
            Double.isNaN(MeterTargets.nanosPerUnit(target.metric().unit())))
        {
            final MetricDefinition metric = target.metric();
            final MeterTarget none = MeterTarget.none("timer '" + id.getName() + "' maps to '" + metric.name() +
                "', whose unit '" + metric.unit() + "' is not a time unit");
            notRecorded(id, none.problem());
            return none;
        }
        return target;
    }

    private void notRecorded(final Meter.Id id, final String problem)
    {
        unmapped.incrementAndGet();
        log.warnOnce("micrometer: not recorded into the engine: " + problem + " (meter " + id + ")");
    }

    private void startPolling(final Duration interval)
    {
        final long intervalMs = interval.toMillis();
        final Agent agent = new Agent()
        {
            private long nextPollMs = System.currentTimeMillis() + intervalMs;

            @Override
            public int doWork()
            {
                final long nowMs = System.currentTimeMillis();
                if (nextPollMs - nowMs > 0)
                {
                    return 0;
                }
                nextPollMs = nowMs + intervalMs;
                poll();
                return 1;
            }

            @Override
            public void onClose()
            {
                poll();
            }

            @Override
            public String roleName()
            {
                return "micrometer-poll";
            }
        };
        poller = DaemonAgents.start(agent, new SleepingMillisIdleStrategy(Math.max(1, Math.min(100, intervalMs / 10))),
            error -> log.warnOnce("micrometer: poll thread: " + error), agent.roleName());
    }

    /**
     * Builds an {@link AnalyticsMeterRegistry}: the engine, name mappings, the Micrometer clock and the poll interval.
     * Not thread-safe; the registry it builds is.
     */
    public static final class Builder
    {
        private final AnalyticsEngine engine;
        private final Map<String, String> names = new LinkedHashMap<>();
        private Clock clock = Clock.SYSTEM;
        private Duration pollInterval = Duration.ofSeconds(1);

        private Builder(final AnalyticsEngine engine)
        {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /** Maps the meter named {@code meterName} to the catalog metric {@code metric} (instead of its snake case). */
        public Builder name(final String meterName, final String metric)
        {
            names.put(Objects.requireNonNull(meterName, "meterName"), Objects.requireNonNull(metric, "metric"));
            return this;
        }

        /** Micrometer's clock (timers' {@code Timer.start}, long task durations); default {@link Clock#SYSTEM}. */
        public Builder clock(final Clock micrometerClock)
        {
            this.clock = Objects.requireNonNull(micrometerClock, "clock");
            return this;
        }

        /** How often a daemon thread polls gauges and function counters (default 1 s); zero for no thread. */
        public Builder pollInterval(final Duration interval)
        {
            if (interval.isNegative())
            {
                throw new IllegalArgumentException("pollInterval must be >= 0, was " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /** @return the registry, its poll thread started unless the interval is zero. */
        public AnalyticsMeterRegistry build()
        {
            final AnalyticsMeterRegistry registry = new AnalyticsMeterRegistry(this);
            if (!pollInterval.isZero())
            {
                registry.startPolling(pollInterval);
            }
            return registry;
        }
    }
}
