package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.EngineSettings;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.bridge.analytics.http.ScriptedTraffic.NOW;
import static dev.bridge.analytics.http.ScriptedTraffic.PHASE_A;
import static dev.bridge.analytics.http.ScriptedTraffic.PHASE_B;

/**
 * An engine whose catalog shares no name with the DSPex one: {@code orders} (counter) and {@code checkout_ms}
 * (histogram), built in code without a {@code dashboard:} section, so the page shows the generated panels. Traffic at
 * the times of {@link ScriptedTraffic}:
 * <pre>
 * phase A at T - 30 s: orders 30, checkouts 10..100 ms step 10
 * phase B at T - 10 s: orders 10, checkouts 200, 400
 * at NOW (T + 0.5 s, the still-open interval): orders 5, checkout 1000
 * </pre>
 * The clock is left at {@link ScriptedTraffic#NOW}, everything flushed.
 */
final class TwoMetricTraffic
{
    private TwoMetricTraffic()
    {
    }

    /** The two-metric catalog in {@code dir}, resource sampling off. */
    static EngineConfig config(final Path dir)
    {
        final EngineSettings settings = EngineSettings.builder().dataDirectory(dir)
            .resourceSamplingInterval(Duration.ZERO).storeEntries(100_000).build();
        return new EngineConfig("two-metrics", settings, List.of(
            new MetricDefinition("orders", MetricType.COUNTER, "orders", "Orders placed.", List.of(), null),
            new MetricDefinition("checkout_ms", MetricType.HISTOGRAM, "milliseconds", "Checkout time.", List.of(),
                new HistogramSpec(1, 60_000, 3))));
    }

    /** @return a started engine on {@code clock} holding the traffic above. */
    static AnalyticsEngine start(final Path dir, final ManualClock clock)
    {
        clock.set(PHASE_A);
        final AnalyticsEngine engine = AnalyticsEngine.start(config(dir), clock);
        try
        {
            engine.counter("orders").add(30);
            for (int v = 10; v <= 100; v += 10)
            {
                engine.histogram("checkout_ms").record(v);
            }
            engine.flush();
            clock.set(PHASE_B);
            engine.counter("orders").add(10);
            engine.histogram("checkout_ms").record(200);
            engine.histogram("checkout_ms").record(400);
            engine.flush();
            clock.set(NOW);
            engine.counter("orders").add(5);
            engine.histogram("checkout_ms").record(1000);
            engine.flush();
            return engine;
        }
        catch (final RuntimeException ex)
        {
            engine.close();
            throw ex;
        }
    }
}
