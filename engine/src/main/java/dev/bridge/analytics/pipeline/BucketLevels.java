package dev.bridge.analytics.pipeline;

/**
 * The bucket stage at every resolution: each event updates the raw {@link BucketStage} only; the rollup
 * resolutions ({@link RollupBuckets}) are built from the raw buckets as the raw stage leaves them, so an event
 * costs one resolution's work whatever the number of rollups. A commit marks the rollups of every series the raw
 * stage touched, writes the raw buckets, then the rollups. Not thread-safe: the bucket consumer thread.
 */
final class BucketLevels implements CommittingStage
{
    private final BucketStage raw;
    private final RollupBuckets[] rollups;
    private final FirstFailure failures = new FirstFailure();

    BucketLevels(final BucketStage raw, final RollupBuckets[] rollups)
    {
        this.raw = raw;
        this.rollups = rollups;
        raw.feed(rollups);
    }

    @Override
    public void onEvent(final MetricEvent event)
    {
        raw.onEvent(event);
    }

    /** Adds a value the engine sampled itself. */
    void onValue(final int seriesId, final long value, final long timestampMs)
    {
        raw.onValue(seriesId, value, timestampMs);
    }

    /** Adds a fold of a counter's cells to the raw resolution; see {@link BucketStage#onFold}. */
    void onFold(final int seriesId, final long calls, final long sumUnsigned, final long timestampMs)
    {
        raw.onFold(seriesId, calls, sumUnsigned, timestampMs);
    }

    @Override
    public void commit()
    {
        for (final RollupBuckets rollup : rollups)
        {
            rollup.markRawDirty();
        }
        failures.commit(raw);
        for (final RollupBuckets rollup : rollups)
        {
            failures.commit(rollup);
        }
        failures.rethrow();
    }

    @Override
    public void expire(final long nowMs)
    {
        raw.expire(nowMs);
        for (final RollupBuckets rollup : rollups)
        {
            rollup.expire(nowMs);
        }
    }
}
