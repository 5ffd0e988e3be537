package dev.bridge.analytics.query;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricNamesTest
{
    private final MetricNames names = MetricNames.of(EngineConfig.defaults());

    @Test
    void shouldCountInsertionsDeletionsAndSubstitutions()
    {
        assertEquals(0, MetricNames.distance("cache_hit", "cache_hit"));
        assertEquals(1, MetricNames.distance("read_latncy_us", "read_latency_us"));
        assertEquals(1, MetricNames.distance("cache_hits", "cache_hit"));
        assertEquals(2, MetricNames.distance("cache_hti", "cache_hit"));
        assertEquals(3, MetricNames.distance("", "abc"));
        assertEquals(3, MetricNames.distance("kitten", "sitting"));
    }

    @Test
    void shouldSuggestAtMostThreeNamesWithinDistanceThreeNearestFirst()
    {
        assertEquals(List.of("variable_write", "variable_read"), names.suggestions("variable_rite"));
        assertEquals(List.of("cache_hit", "cache_miss"), names.suggestions("cache_mit"));
        assertEquals(List.of(), names.suggestions("throughput"));
    }

    @Test
    void shouldKeepTheThreeNearestByDistanceThenName()
    {
        final EngineConfig defaults = EngineConfig.defaults();
        final List<MetricDefinition> metrics = List.of(
            counter("op"), counter("op_xyz"), counter("zop_x"), counter("op_b"), counter("op_a"), counter("far_away"));
        final MetricNames custom = MetricNames.of(new EngineConfig(defaults.source(), defaults.engine(), metrics));

        // distance 1: op_a, op_b, zop_x; distance 2: op, op_xyz (first by name, but farther)
        assertEquals(List.of("op_a", "op_b", "zop_x"), custom.suggestions("op_x"));
    }

    private static MetricDefinition counter(final String name)
    {
        return new MetricDefinition(name, MetricType.COUNTER, "ops", "test", List.of(), null);
    }

    @Test
    void shouldAcceptCatalogAndSelfMetricNames()
    {
        assertEquals(Optional.empty(), names.unknown("read_latency_us"));
        assertEquals(Optional.empty(), names.unknown("engine_events_published"));
        assertEquals(Optional.of("unknown metric 'read_latency'; did you mean read_latency_us?"),
            names.unknown("read_latency"));
    }
}
