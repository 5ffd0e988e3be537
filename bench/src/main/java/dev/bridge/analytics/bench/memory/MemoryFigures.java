package dev.bridge.analytics.bench.memory;

/**
 * What one holder of {@code series} series took, measured against the JVM before it was built. Immutable.
 *
 * @param holder      who held the series (the engine, or a peer library).
 * @param series      labelled series held.
 * @param heapBytes   heap used after collections, less the baseline.
 * @param directBytes direct buffers, less the baseline.
 * @param mappedBytes mapped buffers (store files mapped), less the baseline.
 * @param diskBytes   bytes of the store's files on disk (0 for a peer).
 * @param rssBytes    resident set growth of the process ({@link Long#MIN_VALUE} where unknown).
 */
record MemoryFigures(String holder, int series, long heapBytes, long directBytes, long mappedBytes, long diskBytes,
    long rssBytes)
{
    /** @return heap bytes per series. */
    long heapPerSeries()
    {
        return heapBytes / Math.max(1, series);
    }
}
