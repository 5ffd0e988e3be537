package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.config.StatsdUnmappedPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Under {@code unmapped: auto_register} (the default), a rule whose captured metric name is not in the catalog
 * (the bundled {@code ([a-z_][a-z0-9_]*) -> $1}) sends the line to the catch-all instead of rejecting it.
 */
class StatsdAutoRegisterFallbackTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRecordANameThatARuleMapsToAMissingMetricUnderTheCatchAll()
    {
        try (StatsdFixture f = new StatsdFixture(dir,
            StatsdFixture.settings().withUnmapped(StatsdUnmappedPolicy.AUTO_REGISTER)))
        {
            f.feed("foo_bar:2|c\nfoo_bar:3|c\nqueue_depth:7|g\nvariable_read:1|c\nmy.app.requests:4|c");
            assertEquals(5, f.lines(LineOutcome.ACCEPTED));
            assertEquals(0, f.lines(LineOutcome.REJECTED));
            assertEquals(0, f.lines(LineOutcome.UNMAPPED));
            assertEquals(5, f.stats("statsd_counter", "name", "foo_bar").sum());
            assertEquals(7L, f.stats("statsd_gauge", "name", "queue_depth").last());
            assertEquals(1, f.stats("variable_read").sum());
            assertEquals(4, f.stats("statsd_counter", "name", "my.app.requests").sum());
            assertEquals(9, f.stats("statsd_counter").sum());
        }
    }

    @Test
    void shouldStillRejectALineOfAnotherTypeThanItsCatalogMetric()
    {
        try (StatsdFixture f = new StatsdFixture(dir,
            StatsdFixture.settings().withUnmapped(StatsdUnmappedPolicy.AUTO_REGISTER)))
        {
            f.feed("variable_read:1|g");
            assertEquals(1, f.lines(LineOutcome.REJECTED));
            assertEquals(0, f.stats("statsd_gauge").count());
        }
    }

    @Test
    void shouldRejectANameThatARuleMapsToAMissingMetricUnderTheRejectPolicy()
    {
        try (StatsdFixture f = new StatsdFixture(dir, StatsdFixture.settings()))
        {
            f.feed("foo_bar:2|c");
            assertEquals(1, f.lines(LineOutcome.REJECTED));
            assertEquals(0, f.stats("statsd_counter").count());
        }
    }
}
