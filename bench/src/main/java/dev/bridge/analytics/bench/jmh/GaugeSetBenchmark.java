package dev.bridge.analytics.bench.jmh;

import io.opentelemetry.api.metrics.LongGauge;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Gauge set, one producer thread: ours ({@code GaugeHandle.set}, with and without labels) against Prometheus
 * {@code Gauge.set} and OpenTelemetry {@code LongGauge.set} (Micrometer gauges sample an object instead of
 * taking a set). Every call sets the next value of {@link LatencyValues}. Ours keeps min, max, mean and last per
 * bucket; the peers keep the last value only.
 */
@Threads(1)
public class GaugeSetBenchmark extends ProducerBenchmark
{
    /** Prometheus client_java 1.x gauge, exemplars off, in its own registry. */
    @State(Scope.Benchmark)
    public static class PrometheusState
    {
        public Gauge gauge;

        @Setup(Level.Trial)
        public void setUp()
        {
            gauge = Gauge.builder()
                .name("active_sessions")
                .help("Sessions open.")
                .withoutExemplars()
                .register(new PrometheusRegistry());
        }
    }

    /** OpenTelemetry SDK synchronous {@code LongGauge} behind a periodic reader. */
    @State(Scope.Benchmark)
    public static class OpenTelemetryState
    {
        public OtelMeters meters;
        public LongGauge gauge;

        @Setup(Level.Trial)
        public void setUp()
        {
            meters = new OtelMeters();
            gauge = meters.meter().gaugeBuilder("active_sessions").ofLongs().build();
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            meters.close();
        }
    }

    @Benchmark
    public void engine(final EngineState state, final ValueCursor values)
    {
        state.gauge.set(values.next());
    }

    @Benchmark
    public void engineLabelled(final EngineState state, final ValueCursor values)
    {
        state.labelledGauge.set(values.next());
    }

    @Benchmark
    public void prometheus(final PrometheusState state, final ValueCursor values)
    {
        state.gauge.set(values.next());
    }

    @Benchmark
    public void openTelemetry(final OpenTelemetryState state, final ValueCursor values)
    {
        state.gauge.set(values.next());
    }
}
