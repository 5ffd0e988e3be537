package dev.bridge.analytics;

import dev.bridge.analytics.store.BucketAggregate;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;

import java.io.File;

/**
 * Run in a forked JVM by {@link RecoveryLogTest}: opens {@code aggregates.dat} of the store in {@code args[0]}, takes
 * the write lock of the segment of key {@code args[1]}, prints {@code LOCKED} and waits to be killed, so the lock
 * word stays set in the file as after a writer killed inside a write.
 */
public final class LockHoldingWriter
{
    private LockHoldingWriter()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final ChronicleMap<LongValue, BucketAggregate> map = ChronicleMap.of(LongValue.class, BucketAggregate.class)
            .entries(1_000).checksumEntries(false).createPersistedTo(new File(args[0], "aggregates.dat"));
        final LongValue key = Values.newHeapInstance(LongValue.class);
        key.setValue(Long.parseLong(args[1]));
        map.queryContext(key).writeLock().lock();
        System.out.println("LOCKED");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
