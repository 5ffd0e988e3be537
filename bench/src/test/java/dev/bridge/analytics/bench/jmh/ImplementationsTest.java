package dev.bridge.analytics.bench.jmh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImplementationsTest
{
    @Test
    void shouldNameTheOperationOfOneTwoAndFourThreadClassesAlike()
    {
        assertEquals("counter increment", Implementations.operation("CounterIncrementBenchmark"));
        assertEquals("counter increment", Implementations.operation("CounterIncrementTwoThreadsBenchmark"));
        assertEquals("counter increment", Implementations.operation("CounterIncrementFourThreadsBenchmark"));
    }

    @Test
    void shouldKeepTwoSeriesAsAnOperationOfItsOwnWithThePeersNamed()
    {
        final String operation = Implementations.operation("CounterIncrementTwoSeriesBenchmark");
        assertEquals("counter increment two series", operation);
        assertEquals("Prometheus Counter.inc", Implementations.name(operation, "prometheus"));
    }

    @Test
    void shouldSplitATwoSeriesOperationIntoItsFamilyAndSeriesCount()
    {
        assertEquals("gauge set", Implementations.family(Implementations.operation("GaugeSetTwoSeriesBenchmark")));
        assertEquals(2, Implementations.series(Implementations.operation("HistogramRecordTwoSeriesBenchmark")));
        assertEquals(1, Implementations.series(Implementations.operation("HistogramRecordFourThreadsBenchmark")));
        assertEquals("Micrometer gauge on an AtomicLong, AtomicLong.set",
            Implementations.name("gauge set two series", "micrometer"));
    }
}
