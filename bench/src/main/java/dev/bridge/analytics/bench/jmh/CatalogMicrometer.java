package dev.bridge.analytics.bench.jmh;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer's Prometheus registry holding the meters equivalent to an {@link ExpositionCatalog}'s series, with the
 * same values: counters, gauges over {@code AtomicLong}s and {@code Timer}s (named without {@code _us}) with the
 * catalog's bounds as service level objectives (no percentile histogram). Closing closes the registry.
 * <p>
 * Thread-safety: built on one thread; {@link #scrape()} is thread-safe (Micrometer's).
 */
final class CatalogMicrometer implements AutoCloseable
{
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Strong references: Micrometer gauges hold their object weakly. */
    private final List<AtomicLong> gaugeValues = new ArrayList<>();

    /**
     * Registers and fills every series of {@code catalog} (its first
     * {@value ExpositionCatalog#VALUES_PER_HISTOGRAM} latencies per timer).
     */
    CatalogMicrometer(final ExpositionCatalog catalog)
    {
        final ExpositionCatalog.Names names = catalog.names();
        final Duration[] slos = ExpositionCatalog.BOUNDS_US.stream()
            .map(us -> Duration.ofNanos(Math.round(us * 1_000))).toArray(Duration[]::new);
        final long[] latencies = LatencyValues.generate();
        for (int w = 0; w < catalog.workers(); w++)
        {
            final String worker = ExpositionCatalog.worker(w);
            for (int m = 0; m < ExpositionCatalog.COUNTER_METRICS; m++)
            {
                Counter.builder(names.counters().get(m))
                    .description("Benchmark counter.")
                    .tag(ExpositionCatalog.LABEL, worker)
                    .register(registry)
                    .increment(ExpositionCatalog.counterTotal(m, w));
            }
            for (int m = 0; m < ExpositionCatalog.GAUGE_METRICS; m++)
            {
                final AtomicLong value = new AtomicLong(ExpositionCatalog.gaugeValue(m, w));
                gaugeValues.add(value);
                Gauge.builder(names.gauges().get(m), value, AtomicLong::get)
                    .description("Benchmark gauge.")
                    .tag(ExpositionCatalog.LABEL, worker)
                    .register(registry);
            }
            for (int m = 0; m < ExpositionCatalog.HISTOGRAM_METRICS; m++)
            {
                final String name = names.histograms().get(m);
                final Timer timer = Timer.builder(name.substring(0, name.length() - "_us".length()))
                    .description("Benchmark latency.")
                    .tag(ExpositionCatalog.LABEL, worker)
                    .serviceLevelObjectives(slos)
                    .publishPercentileHistogram(false)
                    .register(registry);
                for (int i = 0; i < ExpositionCatalog.VALUES_PER_HISTOGRAM; i++)
                {
                    timer.record(ExpositionCatalog.histogramValue(latencies, m, w, i), TimeUnit.MICROSECONDS);
                }
            }
        }
    }

    /** @return the registry (for its meters). */
    PrometheusMeterRegistry registry()
    {
        return registry;
    }

    /** @return {@code registry.scrape()}: the Prometheus text 0.0.4 of every meter. */
    String scrape()
    {
        return registry.scrape();
    }

    @Override
    public void close()
    {
        registry.close();
    }
}
