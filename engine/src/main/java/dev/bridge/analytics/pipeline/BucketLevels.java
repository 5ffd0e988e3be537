package dev.bridge.analytics.pipeline;

/**
 * The bucket stage at every resolution: each event goes to the raw, the aggregation_interval and the
 * long_term_interval {@link BucketStage} in turn. One composite (rather than one stage per resolution in the
 * consumer's stage list) keeps the per-event calls monomorphic, so the JIT inlines them. Not thread-safe: the
 * bucket consumer thread.
 */
final class BucketLevels implements CommittingStage
{
    private final BucketStage[] levels;

    BucketLevels(final BucketStage[] levels)
    {
        this.levels = levels;
    }

    @Override
    public void onEvent(final MetricEvent event)
    {
        for (final BucketStage level : levels)
        {
            level.onEvent(event);
        }
    }

    /** Adds a value the engine sampled itself to every resolution. */
    void onValue(final int seriesId, final long value, final long timestampMs)
    {
        for (final BucketStage level : levels)
        {
            level.onValue(seriesId, value, timestampMs);
        }
    }

    @Override
    public void commit()
    {
        RuntimeException failure = null;
        for (final BucketStage level : levels)
        {
            try
            {
                level.commit();
            }
            catch (final RuntimeException ex)
            {
                failure = failure == null ? ex : failure;
            }
        }
        if (failure != null)
        {
            throw failure;
        }
    }

    @Override
    public void expire(final long nowMs)
    {
        for (final BucketStage level : levels)
        {
            level.expire(nowMs);
        }
    }
}
