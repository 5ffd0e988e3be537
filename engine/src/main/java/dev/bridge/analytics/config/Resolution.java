package dev.bridge.analytics.config;

import java.time.Duration;

/**
 * One resolution the engine keeps: buckets of {@code width}, kept for {@code retention}. Immutable, thread-safe.
 *
 * @param index     0 for raw, then the rollups in order (also the resolution field of the store's bucket keys).
 * @param width     bucket width, whole seconds.
 * @param retention how long its buckets are kept.
 */
public record Resolution(int index, Duration width, Duration retention)
{
    /** @return the width in ms. */
    public long widthMs()
    {
        return width.toMillis();
    }

    /** @return the retention in ms. */
    public long retentionMs()
    {
        return retention.toMillis();
    }
}
