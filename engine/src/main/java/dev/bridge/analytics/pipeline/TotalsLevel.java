package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.store.BucketKey;

import java.time.Duration;

/**
 * The running totals of each series since it was created, kept as one more rollup level whose only bucket starts at
 * 0 and never ends nor expires, under {@link BucketKey#totals}. {@link RollupBuckets} at this resolution fold every
 * raw bucket a series leaves (and every late or past-retention value) and write, at each commit with the other
 * levels, that fold plus the raw live bucket; after a restart they continue from the stored total minus the raw bucket
 * the raw stage reloads, exactly as a rollup bucket does. {@link RollupHistograms} at this resolution receive every
 * batch of counts the raw histogram stage writes, added to the stored total. So a total is as fresh as the
 * aggregates (everything committed) and is written after the raw bucket of the same commit. A scrape reads one
 * aggregate (and one histogram) per series, whatever the history. Stateless.
 */
final class TotalsLevel
{
    /** Width and retention {@code Long.MAX_VALUE} ms: bucket 0 holds every time from 1970 on; nothing expires. */
    static final Resolution RESOLUTION = new Resolution(
        BucketKey.TOTALS_RESOLUTION, Duration.ofMillis(Long.MAX_VALUE), Duration.ofMillis(Long.MAX_VALUE));

    private TotalsLevel()
    {
    }
}
