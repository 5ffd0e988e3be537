package dev.bridge.analytics.snapshot;

import dev.bridge.analytics.config.MetricDefinition;

/**
 * Receives the content of a snapshot file from {@link SnapshotParser}, checked, in file order: each series, then its
 * buckets. Implementations belong to the thread that parses.
 */
interface SnapshotVisitor
{
    /** A series starts; its buckets follow. {@code key} is the stored series key of {@code metric} (in the catalog). */
    void onSeries(String key, MetricDefinition metric);

    /** A bucket of the last series; {@code bucket} is only valid during the call. */
    void onBucket(SnapshotBucket bucket);
}
