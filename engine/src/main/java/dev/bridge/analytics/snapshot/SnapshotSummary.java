package dev.bridge.analytics.snapshot;

import java.nio.file.Path;

/**
 * What a snapshot file holds, as written. Immutable, thread-safe.
 *
 * @param file    the file written.
 * @param series  series written (those with at least one bucket in the range).
 * @param buckets buckets written, every resolution counted.
 * @param bytes   size of the file.
 * @param startMs start of the range (epoch ms, inclusive): buckets of every resolution overlapping
 *                [startMs, endMs) were written.
 * @param endMs   end of the range (epoch ms, exclusive).
 */
public record SnapshotSummary(Path file, int series, long buckets, long bytes, long startMs, long endMs)
{
    /** @return one line: {@code <series> series, <buckets> buckets, <bytes> bytes -> <file>}. */
    public String describe()
    {
        return series + " series, " + buckets + " buckets, " + bytes + " bytes -> " + file;
    }
}
