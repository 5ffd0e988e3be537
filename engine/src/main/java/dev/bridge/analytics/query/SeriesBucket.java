package dev.bridge.analytics.query;

/**
 * One stored bucket of one series, as read for an export (the CSV rows). Immutable, thread-safe.
 *
 * @param startMs start of the bucket, epoch ms.
 * @param count   number of values (for counters, of increments/adds).
 * @param sum     sum of the values (for counters, the bucket's total).
 * @param min     smallest value.
 * @param max     largest value.
 * @param last    value of the bucket's last event in publish order.
 */
public record SeriesBucket(long startMs, long count, long sum, long min, long max, long last)
{
    /** @return sum / count (a bucket read for an export always holds at least one value). */
    public double mean()
    {
        return (double)sum / count;
    }
}
