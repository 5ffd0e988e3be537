package dev.bridge.analytics.dashboard;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.AnalyticsReader;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.bridge.analytics.dashboard.ScriptedWorkload.NOW;
import static dev.bridge.analytics.dashboard.ScriptedWorkload.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dashboard of a scripted workload against figures computed by hand (see {@link ScriptedWorkload}). */
class DashboardQueryTest
{
    /** LAST_MINUTE at NOW: raw buckets [S - 59 s, S + 1 s); its real length is S - 59 s to NOW, 59.5 s. */
    private static final Dashboard LAST_MINUTE = new Dashboard(
        NOW,
        new Dashboard.Range("last_minute", S - 59_000, S + 1_000, 1_000),
        new Dashboard.Operations(120 / 59.5, 20 / 59.5, 145L),
        new Dashboard.Performance(50L, 95L, 99L, 1000L, 1900L, 2000L),
        new Dashboard.Cache(90 / 100.0, 90L, 10L, 2L),
        new Dashboard.Optimizations(7L - 3 - 1, 2L, 1L, 2 / 3.0, 600 / 3.0),
        new Dashboard.Health(5 / 145.0, 9L, 600L, 42L));

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(ScriptedWorkload.PHASE_A);
    private AnalyticsEngine engine;

    @AfterEach
    void close()
    {
        if (engine != null)
        {
            engine.close();
        }
    }

    @Test
    void shouldComputeEveryFieldOfTheLastMinuteByHand()
    {
        engine = AnalyticsEngine.start(config(EngineConfig.defaults()), clock);
        ScriptedWorkload.run(engine, clock);

        assertEquals(LAST_MINUTE, engine.queries().dashboard(TimeRange.LAST_MINUTE));
    }

    @Test
    void shouldIncludeThePhaseBeforeTheLastMinuteInTheLastFiveMinutes()
    {
        engine = AnalyticsEngine.start(config(EngineConfig.defaults()), clock);
        ScriptedWorkload.run(engine, clock);

        final Dashboard d = engine.queries().dashboard(TimeRange.LAST_5_MINUTES);

        assertEquals(new Dashboard.Range("last_5_minutes", S - 299_000, S + 1_000, 1_000), d.range());
        assertEquals(new Dashboard.Operations(1120 / 299.5, 120 / 299.5, 1245L), d.operations());
        assertEquals(100L, d.performance().readLatencyP99());
        assertEquals(new Dashboard.Cache(140 / 150.0, 140L, 10L, 2L), d.cache());
        assertEquals(new Dashboard.Optimizations(3L, 3L, 1L, 3 / 4.0, 1600 / 4.0), d.optimizations());
        assertEquals(new Dashboard.Health(15 / 1245.0, 9L, 600L, 42L), d.health());
    }

    @Test
    void shouldGiveTheSameFiguresForTheExplicitRangeOfTheSameBuckets()
    {
        engine = AnalyticsEngine.start(config(EngineConfig.defaults()), clock);
        ScriptedWorkload.run(engine, clock);
        final Instant from = Instant.ofEpochMilli(S - 59_000);
        final Instant to = Instant.ofEpochMilli(S + 1_000);

        final Dashboard d = engine.queries().dashboard(TimeRange.between(from, to));

        assertEquals(new Dashboard(NOW, new Dashboard.Range(from + "/" + to, S - 59_000, S + 1_000, 1_000),
            LAST_MINUTE.operations(), LAST_MINUTE.performance(), LAST_MINUTE.cache(), LAST_MINUTE.optimizations(),
            LAST_MINUTE.health()), d);
    }

    @Test
    void shouldAnswerTheSameDashboardFromAReaderOfTheClosedStore()
    {
        final EngineConfig config = config(EngineConfig.defaults());
        engine = AnalyticsEngine.start(config, clock);
        ScriptedWorkload.run(engine, clock);
        engine.close();

        try (AnalyticsReader reader = AnalyticsReader.open(config, dir, clock))
        {
            assertEquals(LAST_MINUTE, reader.queries().dashboard(TimeRange.LAST_MINUTE));
        }
    }

    /** A gauge's current value is the newest known: a quiet range after it was set still shows it (spec: health). */
    @Test
    void shouldGiveTheCurrentGaugeValuesForAQuietRange()
    {
        final EngineConfig config = config(EngineConfig.defaults());
        engine = AnalyticsEngine.start(config, clock);
        ScriptedWorkload.run(engine, clock);
        clock.set(NOW + 10 * 60_000); // ten quiet minutes: the last minute holds no value of any gauge

        assertEquals(new Dashboard.Health(null, 9L, 600L, 42L), engine.queries().dashboard(TimeRange.LAST_MINUTE).health());
        engine.close();
        try (AnalyticsReader reader = AnalyticsReader.open(config, dir, clock))
        {
            assertEquals(new Dashboard.Health(null, 9L, 600L, 42L),
                reader.queries().dashboard(TimeRange.LAST_MINUTE).health(), "from a reader of the closed store");
        }
    }

    @Test
    void shouldGiveNullsForAnEmptyStore()
    {
        clock.set(NOW);
        engine = AnalyticsEngine.start(config(EngineConfig.defaults()), clock);

        final Dashboard d = engine.queries().dashboard(TimeRange.LAST_HOUR);

        assertEquals(new Dashboard(
            NOW,
            new Dashboard.Range("last_hour", S + 60_000 - 3_600_000, S + 60_000, 60_000),
            new Dashboard.Operations(null, null, null),
            new Dashboard.Performance(null, null, null, null, null, null),
            new Dashboard.Cache(null, null, null, null),
            new Dashboard.Optimizations(null, null, null, null, null),
            new Dashboard.Health(null, null, null, null)), d);
    }

    @Test
    void shouldGiveNullRangeEndsForAll()
    {
        clock.set(NOW);
        engine = AnalyticsEngine.start(config(EngineConfig.defaults()), clock);

        assertEquals(new Dashboard.Range("all", null, null, 3_600_000), engine.queries().dashboard(TimeRange.ALL).range());
    }

    @Test
    void shouldGiveNullsForMetricsMissingFromTheCatalogOrOfAnotherType()
    {
        final Set<String> dropped = Set.of("cache_hit", "read_latency_us", "optimization_started", "active_sessions");
        final EngineConfig defaults = EngineConfig.defaults();
        final List<MetricDefinition> metrics = defaults.metrics().stream()
            .filter(m -> !dropped.contains(m.name()))
            .map(m -> m.name().equals("write_latency_us") ?
                new MetricDefinition(m.name(), MetricType.COUNTER, m.unit(), m.help(), List.of(), null) : m)
            .toList();
        engine = AnalyticsEngine.start(config(new EngineConfig(defaults.source(), defaults.engine(), metrics)), clock);
        ScriptedWorkload.run(engine, clock);

        final Dashboard d = engine.queries().dashboard(TimeRange.LAST_MINUTE);

        assertEquals(new Dashboard(
            NOW,
            LAST_MINUTE.range(),
            LAST_MINUTE.operations(),
            new Dashboard.Performance(null, null, null, null, null, null),
            new Dashboard.Cache(null, null, 10L, 2L),
            new Dashboard.Optimizations(null, 2L, 1L, 2 / 3.0, 200.0),
            new Dashboard.Health(5 / 145.0, null, 600L, 42L)), d);
    }

    private EngineConfig config(final EngineConfig catalog)
    {
        return catalog.withEngine(b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000));
    }
}
