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
}
