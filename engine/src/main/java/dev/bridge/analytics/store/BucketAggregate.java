package dev.bridge.analytics.store;

/**
 * Fixed-size aggregate of one series in one time bucket, as stored in the Chronicle Map value area.
 * Chronicle Map generates the heap and native implementations of this interface; never compute offsets by hand.
 * Instances are not thread-safe: the store reads and writes them under the map's segment locks.
 */
public interface BucketAggregate
{
    long getCount();

    void setCount(long count);

    long getSum();

    void setSum(long sum);

    long getMin();

    void setMin(long min);

    long getMax();

    void setMax(long max);

    double getSumSquares();

    void setSumSquares(double sumSquares);

    /** @return the value of the last event of the bucket in publish order (gauges). */
    long getLast();

    void setLast(long last);
}
