package dev.bridge.analytics.promql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code histogram_quantile(q, v)} over native histogram samples ({@link NativeHistogram#quantile}) and classic
 * {@code _bucket} series, as Prometheus 2.42 computes it
 * ({@code bucketQuantile}): the series are grouped by their labels without {@code le} and {@code __name__}; a group
 * needs a {@code +Inf} bucket and at least two buckets; counts are made monotonic; the quantile is interpolated
 * linearly inside the bucket where the rank falls (from 0 for the first bucket, the previous bound's value when it
 * falls into {@code +Inf}). Series without a parseable {@code le} are ignored. q &lt; 0 gives -Inf, q &gt; 1 +Inf.
 * Stateless, thread-safe (the map of known buckets a caller passes is the caller's).
 */
final class HistogramQuantile
{
    private HistogramQuantile()
    {
    }

    /** The group and upper bound of one bucket series' labels; {@code group} null when its {@code le} is no number. */
    record Bucket(Labels group, double upper)
    {
        static Bucket of(final Labels labels)
        {
            try
            {
                return new Bucket(labels.withoutName().filter(List.of("le"), false), parseBound(labels.get("le")));
            }
            catch (final NumberFormatException ex)
            {
                return new Bucket(null, Double.NaN);
            }
        }
    }

    /** @return as {@link #apply(double, List, Map)} without a memo. */
    static List<Value.Sample> apply(final double q, final List<Value.Sample> buckets)
    {
        return apply(q, buckets, new HashMap<>());
    }

    /**
     * @param known the buckets of the label sets met before (a range query meets the same ones at every step); filled
     *              with those of {@code buckets}.
     * @return one sample per group of classic buckets, then one per native histogram sample (its labels without
     *         {@code __name__}, {@link NativeHistogram#quantile}); a native histogram whose labels equal a classic
     *         group's gives no sample, nor does that group (as 2.42 drops both).
     */
    static List<Value.Sample> apply(final double q, final List<Value.Sample> buckets, final Map<Labels, Bucket> known)
    {
        final Map<Labels, List<double[]>> groups = new LinkedHashMap<>();
        final List<Value.Sample> natives = new ArrayList<>();
        for (final Value.Sample s : buckets)
        {
            if (s.isHistogram())
            {
                natives.add(s);
                continue;
            }
            final Bucket bucket = known.computeIfAbsent(s.labels(), Bucket::of);
            if (bucket.group() != null)
            {
                groups.computeIfAbsent(bucket.group(), g -> new ArrayList<>()).add(new double[] { bucket.upper(), s.value() });
            }
        }
        final List<Value.Sample> nativeOut = new ArrayList<>(natives.size());
        for (final Value.Sample s : natives)
        {
            final Labels labels = s.labels().withoutName().filter(List.of("le"), false);
            if (groups.remove(labels) == null)
            {
                nativeOut.add(new Value.Sample(s.labels().withoutName(), s.histogram().quantile(q)));
            }
        }
        final List<Value.Sample> out = new ArrayList<>(groups.size() + nativeOut.size());
        groups.forEach((labels, list) -> out.add(new Value.Sample(labels, quantile(q, list))));
        out.addAll(nativeOut);
        return out;
    }

    private static double parseBound(final String le)
    {
        return switch (le)
        {
            case "+Inf", "Inf", "+inf", "inf" -> Double.POSITIVE_INFINITY;
            case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(le);
        };
    }

    /** @return the quantile of buckets {upperBound, cumulativeCount} (Prometheus' {@code bucketQuantile}). */
    static double quantile(final double q, final List<double[]> unsorted)
    {
        if (q < 0)
        {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1)
        {
            return Double.POSITIVE_INFINITY;
        }
        final List<double[]> sorted = new ArrayList<>(unsorted);
        sorted.sort((a, b) -> Double.compare(a[0], b[0]));
        if (sorted.isEmpty() || sorted.get(sorted.size() - 1)[0] != Double.POSITIVE_INFINITY)
        {
            return Double.NaN;
        }
        // coalesce equal bounds, then make the counts monotonic
        final List<double[]> buckets = new ArrayList<>();
        for (final double[] b : sorted)
        {
            if (!buckets.isEmpty() && buckets.get(buckets.size() - 1)[0] == b[0])
            {
                buckets.get(buckets.size() - 1)[1] += b[1];
            }
            else
            {
                buckets.add(new double[] { b[0], b[1] });
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (final double[] b : buckets)
        {
            if (b[1] > max)
            {
                max = b[1];
            }
            else if (b[1] < max)
            {
                b[1] = max;
            }
        }
        if (buckets.size() < 2)
        {
            return Double.NaN;
        }
        final int n = buckets.size();
        final double observations = buckets.get(n - 1)[1];
        if (observations == 0)
        {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < n - 1 && !(buckets.get(b)[1] >= rank))
        {
            b++;
        }
        if (b == n - 1)
        {
            return buckets.get(n - 2)[0];
        }
        if (b == 0 && buckets.get(0)[0] <= 0)
        {
            return buckets.get(0)[0];
        }
        double bucketStart = 0;
        final double bucketEnd = buckets.get(b)[0];
        double count = buckets.get(b)[1];
        if (b > 0)
        {
            bucketStart = buckets.get(b - 1)[0];
            count -= buckets.get(b - 1)[1];
            rank -= buckets.get(b - 1)[1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }
}
