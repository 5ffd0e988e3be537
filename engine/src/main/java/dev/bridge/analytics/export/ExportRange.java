package dev.bridge.analytics.export;

import dev.bridge.analytics.query.TimeRange;

/**
 * The range of a snapshot, resolved once when the snapshot was taken. Immutable, thread-safe.
 *
 * @param name         the range asked for: {@code all}, {@code last_minute}, ..., or {@code <from>/<to>}.
 * @param fromMs       first bucket start read (epoch ms).
 * @param toMs         bucket starts before this were read (epoch ms).
 * @param resolutionMs width of the buckets read.
 * @param all          true for {@link TimeRange#ALL}: everything the coarsest resolution keeps.
 */
public record ExportRange(String name, long fromMs, long toMs, long resolutionMs, boolean all)
{
    /** @return the range {@code range} resolved to {@code resolved}. */
    public static ExportRange of(final TimeRange range, final TimeRange.ResolvedRange resolved)
    {
        return new ExportRange(range.toString(), resolved.fromMs(), resolved.toMs(), resolved.resolution().widthMs(),
            resolved.all());
    }
}
