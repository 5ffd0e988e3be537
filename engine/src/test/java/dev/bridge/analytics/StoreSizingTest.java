package dev.bridge.analytics;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.store.StoreCapacity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The map sizes of a new store follow the catalog: the totals histogram map is laid out for a quarter of the
 * catalog's histogram series (growing 8x), not for every series the engine may hold (which took 40 MB of disk at
 * the default max_series of 16,384).
 */
class StoreSizingTest
{
    /** read, write and gRPC latencies, optimisation durations. */
    private static final long HISTOGRAM_METRICS = 4;

    @Test
    void shouldLayOutTheTotalsHistogramMapForTheCatalogsHistogramSeries()
    {
        final EngineConfig config = EngineConfig.defaults();
        final long limit = config.engine().labelCardinalityLimit() + 1L;
        final long histogramSeries = config.metrics().stream().filter(m -> m.type() == MetricType.HISTOGRAM)
            .mapToLong(m -> m.labels().isEmpty() ? 1 : limit).sum();

        final StoreCapacity capacity = StoreSizing.capacity(config.engine(), config.metrics());

        assertEquals(HISTOGRAM_METRICS, histogramSeries, "the default catalog's histograms have no labels");
        assertEquals(1_000, capacity.totalHistogramEntries(), "a quarter of them, at least the smallest map");
        assertEquals(16_384, capacity.maxSeries());
        assertEquals(600_000, capacity.aggregateEntries());
    }

    @Test
    void shouldLayItOutForAQuarterOfALabelledHistogramsSeries() throws Exception
    {
        final EngineConfig config = EngineConfig.parse("engine:\n  label_cardinality_limit: 10000\nmetrics:\n" +
            "  lat_us:\n    type: histogram\n    unit: microseconds\n    help: x\n    labels: [op]\n" +
            "    histogram: { lowest: 1, highest: 60000000, significant_digits: 3 }\n", "sizing.yaml");

        final StoreCapacity capacity = StoreSizing.capacity(config.engine(), config.metrics());

        assertEquals(10_001 / 4, capacity.totalHistogramEntries(), "10,000 label values and the overflow series");
    }
}
