package dev.bridge.analytics.bench.memory;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.CounterHandle;
import dev.bridge.analytics.GaugeHandle;
import dev.bridge.analytics.HistogramHandle;
import dev.bridge.analytics.config.ConfigException;
import dev.bridge.analytics.config.EngineConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds what holds {@code n} labelled series of one type after {@code minutes} of simulated traffic: the engine (its
 * own store in a directory, a clock the holder moves minute by minute, {@value #VALUES_PER_MINUTE} values per series
 * and minute), Prometheus client_java (histograms native-only at schema 8, the precision the engine's 3 significant
 * digits export as) or Micrometer (Timers with a percentile histogram on a {@code PrometheusMeterRegistry}), each fed
 * the same values. Each holder is closed by the caller. Stateless; the holders are used on one thread.
 */
final class SeriesHolders
{
    static final int VALUES_PER_MINUTE = 10;
    private static final long HIGHEST_US = 60_000_000L;

    /** The kinds of series measured. */
    enum Kind
    {
        HISTOGRAM, COUNTER, GAUGE
    }

    private SeriesHolders()
    {
    }

    /** @return the engine catalog of one labelled metric of {@code kind}, sized for {@code n} series, in {@code dir}. */
    static EngineConfig engineConfig(final Kind kind, final int n, final Path dir)
        throws ConfigException
    {
        final String metric = switch (kind)
        {
            case HISTOGRAM -> "  request_latency_us:\n    type: histogram\n    unit: microseconds\n" +
                "    help: Request latency.\n    labels: [endpoint]\n" +
                "    histogram: { lowest: 1, highest: " + HIGHEST_US + ", significant_digits: 3 }\n";
            case COUNTER -> "  requests:\n    type: counter\n    unit: requests\n    help: Requests.\n" +
                "    labels: [endpoint]\n";
            case GAUGE -> "  queue_depth:\n    type: gauge\n    unit: items\n    help: Queue depth.\n" +
                "    labels: [endpoint]\n";
        };
        final String yaml = "engine:\n" +
            "  data_directory: " + dir.toAbsolutePath() + "\n" +
            "  label_cardinality_limit: " + n + "\n" +
            "  max_series: " + Math.max(16384, n + 1024) + "\n" +
            "  store_entries: " + Math.max(600_000, n * 200) + "\n" +
            "  resource_sampling_interval: 0s\n" +
            "metrics:\n" + metric;
        return EngineConfig.parse(yaml, "memory-bench");
    }

    /** @return an engine holding {@code n} series of {@code kind} after {@code minutes} of traffic ending now. */
    static AnalyticsEngine engine(final Kind kind, final int n, final int minutes, final Path dir, final long seed)
        throws ConfigException
    {
        final long startMs = (System.currentTimeMillis() / 60_000) * 60_000 - minutes * 60_000L;
        final AtomicLong now = new AtomicLong(startMs);
        final AnalyticsEngine engine = AnalyticsEngine.start(engineConfig(kind, n, dir), now::get);
        final SplittableRandom random = new SplittableRandom(seed);
        final Object[] handles = new Object[n];
        for (int i = 0; i < n; i++)
        {
            final String endpoint = "/api/e" + i;
            handles[i] = switch (kind)
            {
                case HISTOGRAM -> engine.histogram("request_latency_us", "endpoint", endpoint);
                case COUNTER -> engine.counter("requests", "endpoint", endpoint);
                case GAUGE -> engine.gauge("queue_depth", "endpoint", endpoint);
            };
        }
        for (int minute = 0; minute < minutes; minute++)
        {
            now.set(startMs + minute * 60_000L + 500);
            for (int i = 0; i < n; i++)
            {
                for (int v = 0; v < VALUES_PER_MINUTE; v++)
                {
                    final long value = latencyUs(random);
                    switch (kind)
                    {
                        case HISTOGRAM -> ((HistogramHandle)handles[i]).record(value);
                        case COUNTER -> ((CounterHandle)handles[i]).increment();
                        case GAUGE -> ((GaugeHandle)handles[i]).set(value);
                    }
                }
            }
            engine.flush();
        }
        now.set(startMs + minutes * 60_000L + 500);
        engine.flush();
        return engine;
    }

    /**
     * Floods {@code engine} (holding {@code n} series of {@code kind}, its cardinality limit) with {@code k} new label
     * values past the limit, one value each, and commits: every one lands in the metric's overflow series.
     */
    static void flood(final AnalyticsEngine engine, final Kind kind, final int n, final int k)
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < k; i++)
        {
            final String endpoint = "/flood/" + (n + i);
            switch (kind)
            {
                case HISTOGRAM -> engine.histogram("request_latency_us", "endpoint", endpoint).record(latencyUs(random));
                case COUNTER -> engine.counter("requests", "endpoint", endpoint).increment();
                case GAUGE -> engine.gauge("queue_depth", "endpoint", endpoint).set(i);
            }
        }
        engine.flush();
    }

    /** @return client_java holding the same series (histograms native-only at schema 8, no exemplars). */
    static PrometheusRegistry clientJava(final Kind kind, final int n, final int minutes, final long seed)
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        final SplittableRandom random = new SplittableRandom(seed);
        switch (kind)
        {
            case HISTOGRAM ->
            {
                final Histogram h = Histogram.builder().name("request_latency_seconds").help("Request latency.")
                    .labelNames("endpoint").nativeOnly().nativeInitialSchema(8).nativeMaxNumberOfBuckets(Integer.MAX_VALUE)
                    .withoutExemplars().register(registry);
                feed(n, minutes, random, (i, v) -> h.labelValues("/api/e" + i).observe(v / 1e6));
            }
            case COUNTER ->
            {
                final io.prometheus.metrics.core.metrics.Counter c = io.prometheus.metrics.core.metrics.Counter.builder() // qualified: Micrometer's Counter is imported
                    .name("requests_total").help("Requests.").labelNames("endpoint").withoutExemplars().register(registry);
                feed(n, minutes, random, (i, v) -> c.labelValues("/api/e" + i).inc());
            }
            case GAUGE ->
            {
                final Gauge g = Gauge.builder()
                    .name("queue_depth").help("Queue depth.").labelNames("endpoint").withoutExemplars().register(registry);
                feed(n, minutes, random, (i, v) -> g.labelValues("/api/e" + i).set(v));
            }
        }
        return registry;
    }

    /** @return Micrometer holding the same series (Timers with a percentile histogram). */
    static PrometheusMeterRegistry micrometer(final Kind kind, final int n, final int minutes, final long seed)
    {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final SplittableRandom random = new SplittableRandom(seed);
        final Object[] meters = new Object[n];
        final AtomicLong[] gauges = new AtomicLong[n];
        for (int i = 0; i < n; i++)
        {
            final String endpoint = "/api/e" + i;
            switch (kind)
            {
                case HISTOGRAM -> meters[i] = Timer.builder("request_latency").tag("endpoint", endpoint)
                    .publishPercentileHistogram().register(registry);
                case COUNTER -> meters[i] = Counter.builder("requests").tag("endpoint", endpoint).register(registry);
                case GAUGE -> gauges[i] = registry.gauge("queue_depth",
                    List.of(Tag.of("endpoint", endpoint)), new AtomicLong());
            }
        }
        feed(n, minutes, random, (i, v) ->
        {
            switch (kind)
            {
                case HISTOGRAM -> ((Timer)meters[i]).record(v, TimeUnit.MICROSECONDS);
                case COUNTER -> ((Counter)meters[i]).increment();
                case GAUGE -> gauges[i].set(v);
            }
        });
        return registry;
    }

    /** A value recorded into series {@code i}. */
    @FunctionalInterface
    private interface Sink
    {
        void accept(int series, long value);
    }

    private static void feed(final int n, final int minutes, final SplittableRandom random, final Sink sink)
    {
        for (int minute = 0; minute < minutes; minute++)
        {
            for (int i = 0; i < n; i++)
            {
                for (int v = 0; v < VALUES_PER_MINUTE; v++)
                {
                    sink.accept(i, latencyUs(random));
                }
            }
        }
    }

    /** @return a log-uniform latency from 50 us to 5 s. */
    private static long latencyUs(final SplittableRandom random)
    {
        return (long)Math.exp(Math.log(50) + random.nextDouble() * (Math.log(5_000_000) - Math.log(50)));
    }
}
