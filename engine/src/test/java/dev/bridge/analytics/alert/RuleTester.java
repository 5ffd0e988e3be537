package dev.bridge.analytics.alert;

import dev.bridge.analytics.pipeline.EngineCounters;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.AlertSettings;
import dev.bridge.analytics.config.ConfigException;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.ReceiverType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tests alerting rules the way {@code promtool test rules} does: an engine with the bundled DSPex catalog on a clock
 * the test sets, a script of events recorded at chosen times, and the alert states asserted at chosen times. The
 * alert manager is driven directly (no agent thread, no sleeps): {@link #advanceTo} flushes what was recorded, then
 * moves the clock through every evaluation and group flush due before the target, calling
 * {@link AlertManager#doWork(long)} at exactly that time, as the agent would. Notifications of the {@code listener}
 * receiver are collected. The manager keeps its state in the engine's data directory, so {@link #close} and a new
 * tester on the same directory is a restart.
 * <pre>{@code
 * try (RuleTester t = RuleTester.start(dir, """
 *         alerts:
 *           rules:
 *             - { name: many_sessions, expr: { metric: active_sessions, aggregation: last, window: 1m },
 *                 comparator: ">", threshold: 10, for: 30s, severity: warning }
 *         """))
 * {
 *     t.set("active_sessions", 20);                    // at 0s
 *     t.advanceTo(Duration.ofSeconds(10));             // evaluations at 0s and 10s
 *     assertEquals(AlertState.PENDING, t.state("many_sessions"));
 * }
 * }</pre>
 * Not thread-safe: one test thread drives it.
 */
final class RuleTester implements AutoCloseable
{
    /** 2027-01-15T08:00:00Z: a whole hour, so every bucket and window starts aligned. */
    static final long START_MS = Instant.parse("2027-01-15T08:00:00Z").toEpochMilli();
    /** One rule (more than 10 active sessions over 10 minutes, warning) evaluated every second, to a listener. */
    static final AlertSettings MANY_SESSIONS = parse("""
        alerts:
          evaluation_interval: 1s
          rules:
            - { name: many_sessions, expr: { metric: active_sessions, aggregation: last, window: 10m },
                comparator: ">", threshold: 10, severity: warning }
          route: { group_wait: 0, receivers: [ { type: listener } ] }
        """);

    private final ManualClock clock;
    private final AnalyticsEngine engine;
    private final AlertManager manager;
    private final List<AlertNotification> notifications = new CopyOnWriteArrayList<>();

    private RuleTester(final Path dir, final AlertSettings settings, final long startMs)
    {
        clock = new ManualClock(startMs);
        engine = AnalyticsEngine.start(EngineConfig.defaults()
            .withEngine(b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000))
            .withAlerts(AlertSettings.NONE), clock);
        AlertManager m = null;
        try
        {
            m = AlertManager.create(settings, engine.queries(), dir, clock, new EngineCounters());
            if (settings.route().receivers().stream().anyMatch(r -> r.type() == ReceiverType.LISTENER))
            {
                m.addListener(notifications::add);
            }
        }
        catch (final RuntimeException ex)
        {
            engine.close();
            throw ex;
        }
        manager = m;
    }

    /** @return a tester of the rules of {@code alertsYaml} (an {@code alerts:} section), starting at {@link #START_MS}. */
    static RuleTester start(final Path dir, final String alertsYaml)
    {
        return start(dir, parse(alertsYaml), START_MS);
    }

    /** @return a tester of {@code settings} whose clock starts at {@code startMs}. */
    static RuleTester start(final Path dir, final AlertSettings settings, final long startMs)
    {
        return new RuleTester(dir, settings, startMs);
    }

    /** @return the settings of an {@code alerts:} section, validated against the bundled catalog. */
    static AlertSettings parse(final String alertsYaml)
    {
        try
        {
            return EngineConfig.parse(alertsYaml + "\n" + bundledCatalog(), "rules.yaml").alerts();
        }
        catch (final ConfigException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }

    private static String bundledCatalog()
    {
        try (InputStream in = RuleTester.class.getResourceAsStream(EngineConfig.DEFAULT_RESOURCE))
        {
            final String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return yaml.substring(yaml.indexOf("\nmetrics:") + 1);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    AnalyticsEngine engine()
    {
        return engine;
    }

    AlertManager manager()
    {
        return manager;
    }

    /** @return the clock's time, epoch ms. */
    long now()
    {
        return clock.time();
    }

    /** @return {@link #START_MS} plus {@code offset}, epoch ms. */
    static long at(final Duration offset)
    {
        return START_MS + offset.toMillis();
    }

    /** Adds to a counter at the current time. */
    void add(final String counter, final long amount, final String... labels)
    {
        engine.counter(counter, labels).add(amount);
    }

    /** Sets a gauge at the current time. */
    void set(final String gauge, final long value, final String... labels)
    {
        engine.gauge(gauge, labels).set(value);
    }

    /** Records {@code value} {@code times} times into a histogram at the current time. */
    void record(final String histogram, final long value, final int times, final String... labels)
    {
        for (int i = 0; i < times; i++)
        {
            engine.histogram(histogram, labels).record(value);
        }
    }

    /** As {@link #advanceToMs}, to {@link #START_MS} + {@code offset}. */
    void advanceTo(final Duration offset)
    {
        advanceToMs(at(offset));
    }

    /**
     * Flushes the engine (so what was recorded is stored at the current time), then runs every duty cycle due up to
     * and including {@code targetMs}, each at its own deadline, and finally one at {@code targetMs}.
     */
    void advanceToMs(final long targetMs)
    {
        if (targetMs < clock.time())
        {
            throw new IllegalArgumentException("time goes forward only: now " + clock.time() + ", asked " + targetMs);
        }
        engine.flush();
        for (long next = manager.nextDeadlineMs(); next <= targetMs; next = manager.nextDeadlineMs())
        {
            clock.set(Math.max(next, clock.time()));
            manager.doWork(clock.time());
            if (manager.nextDeadlineMs() <= clock.time())
            {
                throw new IllegalStateException("deadline did not move past " + clock.time());
            }
        }
        clock.set(targetMs);
        manager.doWork(targetMs);
    }

    /** @return the tracked alerts of {@code rule}. */
    List<Alert> alerts(final String rule)
    {
        return manager.alerts().stream().filter(a -> a.rule().equals(rule)).toList();
    }

    /** @return the one tracked alert of {@code rule}; fails if there is not exactly one. */
    Alert alert(final String rule)
    {
        final List<Alert> alerts = alerts(rule);
        assertEquals(1, alerts.size(), () -> "alerts of " + rule + ": " + alerts);
        return alerts.get(0);
    }

    /** @return the state of the one alert of {@code rule}, or null when it has none (inactive). */
    AlertState state(final String rule)
    {
        final List<Alert> alerts = alerts(rule);
        if (alerts.isEmpty())
        {
            return null;
        }
        assertEquals(1, alerts.size(), () -> "alerts of " + rule + ": " + alerts);
        return alerts.get(0).state();
    }

    /** @return the notifications the listener receiver got so far. */
    List<AlertNotification> notifications()
    {
        return notifications;
    }

    /** Closes the manager (saving its state) and the engine. */
    @Override
    public void close()
    {
        try
        {
            manager.close();
        }
        finally
        {
            engine.close();
        }
    }
}
