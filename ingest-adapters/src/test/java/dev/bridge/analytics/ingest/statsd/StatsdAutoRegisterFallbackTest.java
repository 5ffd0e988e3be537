package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.config.StatsdUnmappedPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Under {@code unmapped: auto_register} (the default), a rule whose captured metric name is not in the catalog
 * (the bundled {@code ([a-z_][a-z0-9_]*) -> $1}) sends the line to the catch-all instead of rejecting it, and a name
 * no rule matches that is a catalog metric records into that metric.
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
    void shouldRecordAnUnmappedCatalogNameIntoItsOwnMetricWithItsTagsAsLabels()
    {
        try (StatsdFixture f = new StatsdFixture(dir, StatsdFixture.settings()
            .withUnmapped(StatsdUnmappedPolicy.AUTO_REGISTER).withMappings(List.of())))
        {
            f.feed("variable_read:3|c\noperation_error:2|c|#operation:read\nvariable_read:1|g\n" +
                "statsd_lines:5|c\nstatsd_counter:4|c");
            assertEquals(4, f.lines(LineOutcome.ACCEPTED));
            assertEquals(1, f.lines(LineOutcome.REJECTED));
            assertEquals(3, f.stats("variable_read").sum());
            assertEquals(2, f.stats("operation_error", "operation", "read").sum());
            assertEquals(5, f.stats("statsd_counter", "name", "statsd_lines").sum(), "the listener's own counts");
            assertEquals(4, f.stats("statsd_counter", "name", "statsd_counter").sum(), "the catch-all itself");
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
