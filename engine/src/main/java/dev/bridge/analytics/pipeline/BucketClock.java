package dev.bridge.analytics.pipeline;

/**
 * Maps epoch-ms timestamps to bucket starts of one resolution, caching the latest bucket so that the common case
 * (a timestamp in the current bucket) costs two compares instead of a division. Not thread-safe: one per stage.
 */
final class BucketClock
{
    private final long resolutionMs;
    private long cachedStartMs = Long.MIN_VALUE;
    private long cachedEndMs = Long.MIN_VALUE;

    BucketClock(final long resolutionMs)
    {
        this.resolutionMs = resolutionMs;
    }

    long resolutionMs()
    {
        return resolutionMs;
    }

    long bucketStartMs(final long timestampMs)
    {
        if (timestampMs >= cachedStartMs && timestampMs < cachedEndMs)
        {
            return cachedStartMs;
        }
        final long start = timestampMs - Math.floorMod(timestampMs, resolutionMs);
        if (start > cachedStartMs)
        {
            cachedStartMs = start;
            cachedEndMs = start + resolutionMs;
        }
        return start;
    }
}
