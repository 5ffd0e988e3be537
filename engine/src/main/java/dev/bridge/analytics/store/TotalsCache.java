package dev.bridge.analytics.store;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The running totals' aggregates of {@code totals.dat} as the writer's process holds them, by series id: a
 * write-through copy that the store's aggregate writer updates after each write the map accepted, and that readers
 * in that process read instead of probing the map (as {@link SeriesStarts} does for starts). A scrape reads one total
 * per series; a Chronicle probe (hash, segment lock word, slot, entry) cost 20-60 ns per series at 500 series and
 * 110-220 ns at 10,000, where this is one 64-byte record in an array (bench/RESULTS.md). A store opened for reading
 * (another process may be writing it) has none and reads the map.
 * <p>
 * One record of 8 longs per series id below {@code maxSeries} (64 bytes: 1 MB at the default 16,384), allocated at
 * open and loaded from the map: a sequence, then count, sum, min, max, last, the sum of squares' bits, present. A
 * series id past it is read from the map.
 * <p>
 * Thread-safety: one writer thread at a time (the store has one aggregate-writer thread); any number of reader
 * threads. Each record is a sequence lock: the writer makes the sequence odd, writes the fields, and makes it even
 * again (release); a reader copies the fields between two reads of an even, unchanged sequence, and retries
 * otherwise, so it never sees a torn record. Readers never block the writer; a reader spins only while the writer is
 * inside that one record.
 */
final class TotalsCache
{
    private static final int LONGS = 8;
    private static final int COUNT = 1;
    private static final int SUM = 2;
    private static final int MIN = 3;
    private static final int MAX = 4;
    private static final int LAST = 5;
    private static final int SUM_SQUARES = 6;
    private static final int PRESENT = 7;
    private static final VarHandle SEQUENCE = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] records;

    /** @param maxSeries the series ids it holds: 0 to {@code maxSeries - 1}. */
    TotalsCache(final int maxSeries)
    {
        records = new long[Math.multiplyExact(maxSeries, LONGS)];
    }

    /** Loads every total {@code totals} holds (at open, before any reader or writer uses this cache). */
    void load(final ChronicleMap<LongValue, BucketAggregate> totals)
    {
        totals.forEachEntry(entry ->
        {
            final int id = BucketKey.seriesId(entry.key().get().getValue());
            if (covers(id))
            {
                put(id, entry.value().get());
            }
        });
    }

    /** @return true when {@code seriesId} has a record here (else read the map). */
    boolean covers(final int seriesId)
    {
        return seriesId >= 0 && seriesId < records.length / LONGS;
    }

    /** @return the series id when {@code bucketKey} is a series' totals with a record here, else -1 (read the map). */
    int recordOf(final long bucketKey)
    {
        final int id = BucketKey.seriesId(bucketKey);
        return BucketKey.isTotals(bucketKey) && covers(id) ? id : -1;
    }

    /** Records the totals the map just accepted for {@code seriesId}. Writer thread only; allocation-free. */
    void put(final int seriesId, final BucketAggregate value)
    {
        write(seriesId, 1L, value.getCount(), value.getSum(), value.getMin(), value.getMax(), value.getLast(),
            Double.doubleToRawLongBits(value.getSumSquares()));
    }

    /** Records that the map no longer holds totals of {@code seriesId}. Writer thread only; allocation-free. */
    void remove(final int seriesId)
    {
        write(seriesId, 0L, 0, 0, 0, 0, 0, 0);
    }

    private void write(
        final int seriesId, final long present, final long count, final long sum, final long min, final long max,
        final long last, final long sumSquaresBits)
    {
        final int base = seriesId * LONGS;
        final long sequence = records[base]; // only this thread writes it
        SEQUENCE.setOpaque(records, base, sequence + 1);
        VarHandle.storeStoreFence(); // the odd sequence is visible before any field changes
        records[base + COUNT] = count;
        records[base + SUM] = sum;
        records[base + MIN] = min;
        records[base + MAX] = max;
        records[base + LAST] = last;
        records[base + SUM_SQUARES] = sumSquaresBits;
        records[base + PRESENT] = present;
        SEQUENCE.setRelease(records, base, sequence + 2);
    }

    /**
     * Copies the totals of {@code seriesId} into {@code into}. Any thread; allocation-free; spins only while the
     * writer is writing this record.
     *
     * @return false when the store holds no totals of the series ({@code into} unchanged).
     */
    boolean read(final int seriesId, final BucketAggregate into)
    {
        final int base = seriesId * LONGS;
        while (true)
        {
            final long before = (long)SEQUENCE.getAcquire(records, base);
            if ((before & 1) == 0)
            {
                final long count = records[base + COUNT];
                final long sum = records[base + SUM];
                final long min = records[base + MIN];
                final long max = records[base + MAX];
                final long last = records[base + LAST];
                final long sumSquaresBits = records[base + SUM_SQUARES];
                final long present = records[base + PRESENT];
                VarHandle.loadLoadFence(); // the fields are read before the sequence is read again
                if ((long)SEQUENCE.getOpaque(records, base) == before)
                {
                    if (present == 0)
                    {
                        return false;
                    }
                    into.setCount(count);
                    into.setSum(sum);
                    into.setMin(min);
                    into.setMax(max);
                    into.setLast(last);
                    into.setSumSquares(Double.longBitsToDouble(sumSquaresBits));
                    return true;
                }
            }
            Thread.onSpinWait();
        }
    }
}
