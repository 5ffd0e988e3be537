package dev.bridge.analytics.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The one edit distance of the project (Levenshtein: insertions, deletions and substitutions) and the "did you mean"
 * suggestions built on it: for unknown keys, unknown metrics in alert rules and the query API's unknown metric names.
 * Stateless; thread-safe.
 */
public final class NameSuggestions
{
    private NameSuggestions()
    {
    }

    /** @return the Levenshtein distance: insertions, deletions and substitutions turning {@code a} into {@code b}. */
    public static int distance(final String a, final String b)
    {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * @return the first of {@code candidates} nearest to {@code name} at a distance below {@code belowDistance}, or
     *         null when none is that near.
     */
    public static String nearest(final String name, final Iterable<String> candidates, final int belowDistance)
    {
        String best = null;
        int bestDistance = belowDistance;
        for (final String candidate : candidates)
        {
            final int d = distance(name, candidate);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /**
     * @return up to {@code limit} of {@code candidates} within {@code maxDistance} of {@code name}, nearest first,
     *         then by name.
     */
    public static List<String> near(
        final String name, final Iterable<String> candidates, final int maxDistance, final int limit)
    {
        return StreamSupport.stream(candidates.spliterator(), false)
            .filter(candidate -> distance(name, candidate) <= maxDistance)
            .sorted(Comparator.comparingInt((String candidate) -> distance(name, candidate))
                .thenComparing(candidate -> candidate))
            .limit(limit)
            .toList();
    }
}
