package dev.bridge.analytics.store;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.values.Values;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only: turns a closed store of the current format into what an older engine, or a move cut short, leaves, by
 * opening its map files directly. Not thread-safe; the store must be closed.
 */
public final class StoreFormats
{
    private StoreFormats()
    {
    }

    /**
     * Makes the closed store in {@code dir} a store of format 1, as the engine wrote it before the totals had maps
     * of their own: every running total in aggregates.dat and histograms.dat, no totals files, a manifest of format
     * 1 listing five map files. {@code bias} is added to each total's count and sum, so that an answer read from
     * them differs from one read over the buckets (or seeded from them).
     */
    public static void toFormatOne(final Path dir, final long bias) throws IOException
    {
        copyTotalsIntoBucketMaps(dir, bias);
        Files.delete(dir.resolve(MetricStore.TOTALS_FILE));
        Files.delete(dir.resolve(MetricStore.TOTAL_HISTOGRAMS_FILE));
        Files.writeString(dir.resolve(StoreManifest.FILE), "format_version=1\n" +
            "files=aggregates.dat,histograms.dat,series.dat,samples.dat,series-starts.dat\n", StandardCharsets.UTF_8);
    }

    /**
     * Copies every running total of the closed store in {@code dir} into its bucket maps, with {@code bias} added to
     * each aggregate's count and sum (a total left behind by a move cut during its removal; biased, a read of it
     * shows), and leaves the store's format as it is.
     */
    public static void copyTotalsIntoBucketMaps(final Path dir, final long bias)
    {
        try (ChronicleMap<LongValue, BucketAggregate> totals = open(MetricStore.totalsBuilder(1_000), dir, MetricStore.TOTALS_FILE);
             ChronicleMap<LongValue, ByteBuffer> totalHistograms =
                 open(MetricStore.totalHistogramsBuilder(1_000), dir, MetricStore.TOTAL_HISTOGRAMS_FILE);
             ChronicleMap<LongValue, BucketAggregate> aggregates =
                 open(MetricStore.aggregatesBuilder(1_000), dir, MetricStore.AGGREGATES_FILE);
             ChronicleMap<LongValue, ByteBuffer> histograms =
                 open(MetricStore.histogramsBuilder(1_000), dir, MetricStore.HISTOGRAMS_FILE))
        {
            totals.forEachEntry(entry ->
            {
                final BucketAggregate value = entry.value().getUsing(null);
                value.setCount(value.getCount() + bias);
                value.setSum(value.getSum() + bias);
                aggregates.put(entry.key().get(), value);
            });
            totalHistograms.forEachEntry(entry -> histograms.put(entry.key().get(), entry.value().get()));
        }
    }

    /** Adds to totals.dat the running totals of {@code seriesId} (a series the series map may not name). */
    public static void addTotals(final Path dir, final int seriesId)
    {
        try (ChronicleMap<LongValue, BucketAggregate> totals = open(MetricStore.totalsBuilder(1_000), dir, MetricStore.TOTALS_FILE))
        {
            final LongValue key = MetricStore.newKey();
            key.setValue(BucketKey.totals(seriesId));
            final BucketAggregate value = Values.newHeapInstance(BucketAggregate.class);
            value.setCount(1);
            totals.put(key, value);
        }
    }

    /** @return the running totals held by aggregates.dat and histograms.dat of the closed store in {@code dir}. */
    public static long totalsInBucketMaps(final Path dir)
    {
        try (ChronicleMap<LongValue, BucketAggregate> aggregates =
                 open(MetricStore.aggregatesBuilder(1_000), dir, MetricStore.AGGREGATES_FILE);
             ChronicleMap<LongValue, ByteBuffer> histograms =
                 open(MetricStore.histogramsBuilder(1_000), dir, MetricStore.HISTOGRAMS_FILE))
        {
            final long[] found = { 0 };
            aggregates.forEachEntry(entry -> found[0] += BucketKey.isTotals(entry.key().get().getValue()) ? 1 : 0);
            histograms.forEachEntry(entry -> found[0] += BucketKey.isTotals(entry.key().get().getValue()) ? 1 : 0);
            return found[0];
        }
    }

    /** @return the entries of totals.dat and of totals-histograms.dat of the closed store in {@code dir}. */
    public static long[] totalsEntries(final Path dir)
    {
        try (ChronicleMap<LongValue, BucketAggregate> totals = open(MetricStore.totalsBuilder(1_000), dir, MetricStore.TOTALS_FILE);
             ChronicleMap<LongValue, ByteBuffer> totalHistograms =
                 open(MetricStore.totalHistogramsBuilder(1_000), dir, MetricStore.TOTAL_HISTOGRAMS_FILE))
        {
            return new long[]{ totals.longSize(), totalHistograms.longSize() };
        }
    }

    private static <V> ChronicleMap<LongValue, V> open(
        final ChronicleMapBuilder<LongValue, V> builder, final Path dir, final String file)
    {
        try
        {
            return builder.createPersistedTo(dir.resolve(file).toFile());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
