package dev.bridge.analytics.snapshot;

import dev.bridge.analytics.store.SaturatingMath;

/**
 * The semantic checks of one snapshot bucket, beyond its fields' types: what one engine could have stored. A bucket
 * with values ({@code count > 0}) has {@code min <= max}, a {@code sum} within {@code [count x min, count x max]}
 * (each bound saturated as the engine saturates sums) and a {@code sum_squares} within
 * {@code [sum^2 / count, count x max(min^2, max^2)]} (relative slack {@value #RELATIVE_SLACK} plus the rounding of
 * {@code count} double additions); every bucket has a finite {@code sum_squares >= 0} and a histogram (when it has
 * one) that holds exactly {@code count} values. Stateless, thread-safe.
 */
final class BucketConsistency
{
    /** Slack of the sum-of-squares bounds, relative: the stored sum is a double, summed value by value. */
    static final double RELATIVE_SLACK = 1e-6;

    private BucketConsistency()
    {
    }

    /** A failed check: the bucket field at fault and what is wrong with it. */
    record Problem(String field, String problem)
    {
    }

    /**
     * @param histogramCount the number of values the bucket's histogram holds (saturated), or -1 without one.
     * @return null when the bucket is consistent, else its first problem.
     */
    static Problem problem(final SnapshotBucket b, final long histogramCount)
    {
        if (!(b.sumSquares >= 0.0) || Double.isInfinite(b.sumSquares))
        {
            return new Problem(SnapshotFormat.F_SUM_SQUARES, "must be a finite number >= 0, was " + b.sumSquares);
        }
        if (histogramCount >= 0 && histogramCount != b.count)
        {
            return new Problem(SnapshotFormat.F_HISTOGRAM,
                "holds " + histogramCount + " values, the bucket's count is " + b.count);
        }
        if (b.count == 0)
        {
            return null;
        }
        if (b.min > b.max)
        {
            return new Problem(SnapshotFormat.F_MIN, "min " + b.min + " is greater than max " + b.max);
        }
        final long lowest = SaturatingMath.multiply(b.count, b.min);
        final long highest = SaturatingMath.multiply(b.count, b.max);
        if (b.sum < lowest || b.sum > highest)
        {
            return new Problem(SnapshotFormat.F_SUM, "sum " + b.sum + " is outside [count x min, count x max] = [" +
                lowest + ", " + highest + "] (count " + b.count + ", min " + b.min + ", max " + b.max + ")");
        }
        final double count = b.count;
        final double largest = Math.max(Math.abs((double)b.min), Math.abs((double)b.max));
        final double slack = RELATIVE_SLACK + count * 0x1p-52;
        final double floor = (double)b.sum * (double)b.sum / count;
        final double ceiling = count * largest * largest;
        if (b.sumSquares < floor * (1 - slack) || b.sumSquares > ceiling * (1 + slack))
        {
            return new Problem(SnapshotFormat.F_SUM_SQUARES, "sum of squares " + b.sumSquares +
                " is outside [sum^2 / count, count x max(min^2, max^2)] = [" + floor + ", " + ceiling + "]");
        }
        return null;
    }
}
