package dev.bridge.analytics.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code engine.resource_gauges}: which catalog gauges the engine samples its heap, threads and off-heap into. */
class ResourceGaugesConfigTest
{
    private static final String CATALOG = """
        metrics:
          heap_used_mb: { type: gauge, unit: megabytes, help: Heap. }
          jvm_threads: { type: gauge, unit: threads, help: Threads. }
          pool_size: { type: gauge, unit: connections, help: Pool., labels: [pool] }
          requests: { type: counter, unit: requests, help: Requests. }
        """;

    @Test
    void shouldSampleNothingWhenTheKeyIsAbsent() throws ConfigException
    {
        final EngineConfig config = EngineConfig.parse(CATALOG, "x.yaml");
        assertEquals(ResourceGauges.NONE, config.engine().resourceGauges());
        assertEquals(List.of(), config.engine().resourceGauges().names());
    }

    @Test
    void shouldReadTheNamedGaugesAndLeaveOutTheKeysNotGiven() throws ConfigException
    {
        final EngineConfig config = EngineConfig.parse(
            "engine:\n  resource_gauges: { heap_mb: heap_used_mb, threads: jvm_threads }\n" + CATALOG, "x.yaml");
        assertEquals(new ResourceGauges("heap_used_mb", "jvm_threads", null), config.engine().resourceGauges());
        assertEquals(List.of("heap_used_mb", "jvm_threads"), config.engine().resourceGauges().names());
        assertEquals(Arrays.asList("heap_used_mb", "jvm_threads", null),
            config.engine().resourceGauges().slots());
    }

    @Test
    void shouldNameTheDspexGaugesInTheBundledConfiguration()
    {
        assertEquals(new ResourceGauges("memory_usage_mb", "process_count", "ets_memory_mb"),
            EngineConfig.defaults().engine().resourceGauges());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        heap_mb: nope          | x.yaml:2:31: engine.resource_gauges.heap_mb: unknown metric 'nope'; known metrics: heap_used_mb, jvm_threads, pool_size, requests
        threads: requests      | x.yaml:2:31: engine.resource_gauges.threads: metric 'requests' must be a gauge without labels; it is a counter
        off_heap_mb: pool_size | x.yaml:2:35: engine.resource_gauges.off_heap_mb: metric 'pool_size' must be a gauge without labels; it is a gauge with labels [pool]
        heap: heap_used_mb     | x.yaml:2:22: engine.resource_gauges.heap: unknown key 'heap'; allowed keys: heap_mb, threads, off_heap_mb
        """)
    void shouldPlaceEveryErrorAtFileLineAndField(final String entry, final String message)
    {
        final ConfigException e = assertThrows(ConfigException.class,
            () -> EngineConfig.parse("engine:\n  resource_gauges: { " + entry + " }\n" + CATALOG, "x.yaml"));
        assertEquals(message, e.getMessage());
    }
}
