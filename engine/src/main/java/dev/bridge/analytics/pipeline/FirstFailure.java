package dev.bridge.analytics.pipeline;

/**
 * Commits several stages so that one failing (e.g. a full store) does not stop the others, then rethrows the
 * first failure. Reusable, allocation-free. Not thread-safe: one consumer thread.
 */
final class FirstFailure
{
    private RuntimeException first;

    void commit(final LiveBucketStage stage)
    {
        try
        {
            stage.commit();
        }
        catch (final RuntimeException ex)
        {
            first = first == null ? ex : first;
        }
    }

    void commit(final RollupStage stage)
    {
        try
        {
            stage.commit();
        }
        catch (final RuntimeException ex)
        {
            first = first == null ? ex : first;
        }
    }

    /** Throws the first failure seen since the last call, if any, and forgets it. */
    void rethrow()
    {
        final RuntimeException failure = first;
        first = null;
        if (failure != null)
        {
            throw failure;
        }
    }
}
