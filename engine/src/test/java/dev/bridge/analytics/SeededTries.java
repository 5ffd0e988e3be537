package dev.bridge.analytics;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a property a fixed number of tries, each on an input drawn from a random seeded by the property's seed and
 * the try index, so any one try is reproduced from those two numbers alone ({@link #random}). A failing try is
 * reported with its seed, its index and its input. Stateless; thread-safe.
 */
public final class SeededTries
{
    private SeededTries()
    {
    }

    /**
     * Checks {@code property} on {@code tries} inputs made by {@code generate}; throws an {@link AssertionError}
     * naming seed, try and input for the first try that fails (assertion or exception).
     */
    public static <T> void check(final long seed, final int tries, final Function<SplittableRandom, T> generate,
        final Consumer<T> property)
    {
        for (int tryIndex = 0; tryIndex < tries; tryIndex++)
        {
            final T input = generate.apply(random(seed, tryIndex));
            try
            {
                property.accept(input);
            }
            catch (final AssertionError | RuntimeException e)
            {
                throw new AssertionError(String.format("seed 0x%xL, try %d of %d, input %s: %s",
                    seed, tryIndex, tries, input, e.getMessage()), e);
            }
        }
    }

    /** @return the random that try {@code tryIndex} of the property seeded {@code seed} draws its input from. */
    public static SplittableRandom random(final long seed, final int tryIndex)
    {
        return new SplittableRandom(seed + 0x9E37_79B9_7F4A_7C15L * (tryIndex + 1L));
    }
}
