package dev.bridge.analytics.bench.jmh;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Interleaved rounds on a fake clock: each operation advances the clock by its own cost, and the machine slows by a
 * factor in some rounds. Every round's ratio is exact whatever the slow-down, the order rotates, and the medians
 * are the reference ones.
 */
class PairedRoundsTest
{
    private long now;
    private double slowdown = 1;

    private Runnable costing(final long nanos, final List<String> calls, final String name)
    {
        return () ->
        {
            calls.add(name);
            now += Math.round(nanos * slowdown);
        };
    }

    @Test
    void shouldCancelASlowSpellInEachRoundsRatio()
    {
        final List<String> calls = new ArrayList<>();
        final PairedRounds rounds = new PairedRounds(List.of("small", "large"),
            List.of(costing(100, calls, "small"), costing(2_500, calls, "large")), () -> now);
        final double[][] nanos = new double[2][];
        final double[][] first = rounds.run(1, 1_000); // round 0: small first
        slowdown = 3; // a slow spell
        final double[][] second = rounds.run(1, 1_000);

        assertArrayEquals(new double[]{ 100 }, first[0]);
        assertArrayEquals(new double[]{ 2_500 }, first[1], "one call takes longer than the round: one call");
        assertArrayEquals(new double[]{ 300 }, second[0]);
        assertArrayEquals(new double[]{ 7_500 }, second[1]);
        nanos[0] = new double[]{ first[0][0], second[0][0] };
        nanos[1] = new double[]{ first[1][0], second[1][0] };
        assertArrayEquals(new double[]{ 25, 25 }, PairedRounds.ratios(nanos[1], nanos[0]));
        assertEquals(List.of("small", "small", "small", "small", "small", "small", "small", "small", "small", "small",
            "large", "small", "small", "small", "small", "large"), calls.subList(0, 16));
    }

    @Test
    void shouldRotateTheOrderFromRoundToRound()
    {
        final List<String> calls = new ArrayList<>();
        final PairedRounds rounds = new PairedRounds(List.of("a", "b", "c"),
            List.of(costing(10, calls, "a"), costing(10, calls, "b"), costing(10, calls, "c")), () -> now);

        rounds.run(3, 10);

        assertEquals(List.of("a", "b", "c", "b", "c", "a", "c", "a", "b"), calls);
    }

    @Test
    void shouldTakeTheMiddleOfAnOddOrEvenCount()
    {
        assertEquals(3.0, PairedRounds.median(new double[]{ 9, 1, 3 }));
        assertEquals(2.5, PairedRounds.median(new double[]{ 4, 1, 2, 3 }));
    }

    @Test
    void shouldRefuseNamesThatDoNotMatchTheOperations()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new PairedRounds(List.of("a"), List.of(), () -> 0));
        assertEquals("one name per operation, at least one: 1 names, 0 operations", ex.getMessage());
    }
}
