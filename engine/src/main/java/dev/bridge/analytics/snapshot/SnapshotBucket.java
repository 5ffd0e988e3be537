package dev.bridge.analytics.snapshot;

/**
 * One bucket as read from a snapshot file, checked: the parser fills and reuses one instance per file, so it is only
 * valid during {@link SnapshotVisitor#onBucket}. Not thread-safe.
 */
final class SnapshotBucket
{
    private static final long[] NO_VALUES = new long[0];

    int resolution;
    long startSec;
    long count;
    long sum;
    long min;
    long max;
    double sumSquares;
    long last;
    /** The stored HdrHistogram V2 encoding (checked against the metric's layout), or null. */
    byte[] histogram;
    /** True when the bucket has a {@code samples} entry. */
    boolean hasSamples;
    long samplesTotal;
    /** The kept samples: all {@link #samplesTotal} of them, or none. */
    long[] samples = NO_VALUES;

    void reset()
    {
        resolution = -1;
        startSec = -1;
        count = 0;
        sum = 0;
        min = 0;
        max = 0;
        sumSquares = 0;
        last = 0;
        histogram = null;
        hasSamples = false;
        samplesTotal = 0;
        samples = NO_VALUES;
    }
}
