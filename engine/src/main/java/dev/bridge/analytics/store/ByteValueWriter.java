package dev.bridge.analytics.store;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes variable-size byte values (big-endian) into a Chronicle Map without allocating in steady state: the
 * caller fills {@link #buffer(int)}, a reused direct buffer, and {@link #write(long, int)} copies it in under the
 * segment write lock. Not thread-safe: one thread per instance.
 */
final class ByteValueWriter
{
    private final ChronicleMap<LongValue, ByteBuffer> map;
    private final String file;
    private final StoreWriteFailures failures;
    private final LongValue key = MetricStore.newKey();
    private ByteBuffer buffer;
    private ByteBuffer readBuffer = ByteBuffer.allocate(4096).order(ByteOrder.BIG_ENDIAN);
    private BytesStore<?, ?> bytes;

    ByteValueWriter(
        final ChronicleMap<LongValue, ByteBuffer> map, final String file, final StoreWriteFailures failures,
        final int initialCapacity)
    {
        this.map = map;
        this.file = file;
        this.failures = failures;
        allocate(initialCapacity);
    }

    private void allocate(final int capacity)
    {
        buffer = ByteBuffer.allocateDirect(capacity);
        bytes = BytesStore.wrap(buffer);
        buffer.order(ByteOrder.BIG_ENDIAN); // after wrap: BytesStore.wrap switches the buffer to native order
    }

    /** @return the cleared buffer, with at least {@code capacity} bytes. */
    ByteBuffer buffer(final int capacity)
    {
        if (capacity > buffer.capacity())
        {
            allocate(capacity);
        }
        buffer.clear();
        return buffer;
    }

    /**
     * Replaces the value of {@code bucketKey} with the first {@code length} bytes of the buffer.
     *
     * @throws StoreException when the map refuses the write (full): counted in the store's write failures.
     */
    void write(final long bucketKey, final int length)
    {
        key.setValue(bucketKey);
        try
        {
            insert(length);
        }
        catch (final RuntimeException ex)
        {
            throw failures.onFailure(file, map.longSize(), ex);
        }
    }

    private void insert(final int length)
    {
        try (ExternalMapQueryContext<LongValue, ByteBuffer, ?> context = map.queryContext(key))
        {
            context.updateLock().lock();
            final MapEntry<LongValue, ByteBuffer> entry = context.entry();
            final Data<ByteBuffer> data = context.wrapValueBytesAsData(bytes, 0, length);
            if (entry != null)
            {
                context.replaceValue(entry, data);
            }
            else
            {
                context.insert(context.absentEntry(), data);
            }
        }
    }

    /**
     * Replaces the value of {@code bucketKey} with what {@code rewrite} computes from it, read and written under the
     * segment's update lock.
     *
     * @throws StoreException when the map refuses the write (full): counted in the store's write failures.
     */
    void rewrite(final long bucketKey, final EncodingRewrite rewrite)
    {
        key.setValue(bucketKey);
        try (ExternalMapQueryContext<LongValue, ByteBuffer, ?> context = map.queryContext(key))
        {
            context.updateLock().lock();
            final MapEntry<LongValue, ByteBuffer> entry = context.entry();
            ByteBuffer stored = null;
            if (entry != null)
            {
                final Data<ByteBuffer> value = entry.value();
                final int size = (int)value.size();
                if (size > readBuffer.capacity())
                {
                    readBuffer = ByteBuffer.allocate(Math.max(size, 2 * readBuffer.capacity())).order(ByteOrder.BIG_ENDIAN);
                }
                value.bytes().read(value.offset(), readBuffer.array(), 0, size);
                stored = readBuffer.clear().limit(size);
            }
            final ByteBuffer rewritten;
            try
            {
                rewritten = rewrite.rewrite(stored);
            }
            catch (final RuntimeException ex)
            {
                throw new RewriteFailure(ex); // not the store's failure: rethrown as it is below
            }
            final int length = rewritten.limit();
            buffer(length).put(0, rewritten, 0, length);
            final Data<ByteBuffer> data = context.wrapValueBytesAsData(bytes, 0, length);
            if (entry != null)
            {
                context.replaceValue(entry, data);
            }
            else
            {
                context.insert(context.absentEntry(), data);
            }
        }
        catch (final RewriteFailure ex)
        {
            throw (RuntimeException)ex.getCause();
        }
        catch (final RuntimeException ex)
        {
            throw failures.onFailure(file, map.longSize(), ex);
        }
    }

    /** A failure of the rewrite function itself, carried out of the map context unchanged. */
    private static final class RewriteFailure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        RewriteFailure(final RuntimeException cause)
        {
            super(cause);
        }
    }

    /** @return the stored value of {@code bucketKey} (a heap copy, big-endian), or null. Allocates. */
    ByteBuffer read(final long bucketKey)
    {
        key.setValue(bucketKey);
        final ByteBuffer stored = map.get(key);
        return stored == null ? null : stored.order(ByteOrder.BIG_ENDIAN);
    }

    /** Removes the value of {@code bucketKey} (absent is fine). Allocation-free. */
    void remove(final long bucketKey)
    {
        key.setValue(bucketKey);
        map.remove(key);
    }
}
