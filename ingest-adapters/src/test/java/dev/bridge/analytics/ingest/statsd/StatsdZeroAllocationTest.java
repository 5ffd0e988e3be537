package dev.bridge.analytics.ingest.statsd;

import com.sun.management.ThreadMXBean;
import dev.bridge.analytics.query.TimeRange;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-line contract: once every key is resolved, reading lines (every type, rates, packing, tags of every
 * dialect, timestamps, container ids, events, service checks, malformed lines, unmapped and rejected names) and
 * publishing their values allocates 0 bytes on the receiving thread, over windows of {@value #WINDOW_LINES} lines
 * (ThreadMXBean, as the engine's ZeroAllocationTest; the JIT may allocate while it settles, so one of at most
 * {@value #MAX_WINDOWS} consecutive windows must be clean: a per-line allocation can never pass).
 */
class StatsdZeroAllocationTest
{
    private static final int WARM_UP_LINES = 2_000_000;
    private static final int WINDOW_LINES = 1_000_000;
    private static final int MAX_WINDOWS = 8;
    private static final String DATAGRAM = String.join("\n",
        "variable_read:1|c", "variable_read:1:2:3|c|@0.5", "dspex.read:1.5|ms|@0.5|#env:prod",
        "dspex.sessions:+5|g", "dspex.sessions:-5|g|T1700000005", "app.payload:100:200|h", "app.payload:2e3|d|c:abc123",
        "app.users:alice|s", "app.users:bob|s", "errors,operation=write:2|c", "errors#operation=delete:3|c",
        "errors[operation=optimize]:4|c", "errors:1|c|#operation:read,host:a", "dspex.grpc.UNAVAILABLE:1|c",
        "_e{5,4}:title|text|#a:b", "_sc|my.check|0", "Not.Mapped:1|c", "variable_read:1|g", "variable_read:x|c",
        "dspex.read:2|ms") + "\n";

    private final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldAllocateNothingPerLineOnTheReceivingThread()
    {
        final byte[] bytes = DATAGRAM.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        buffer.putBytes(0, bytes);
        try (StatsdFixture f = new StatsdFixture(dir, StatsdFixture.settings()))
        {
            final int linesPerDatagram = f.ingest.onDatagram(buffer, 0, bytes.length, f.clock.time());
            feed(f, buffer, bytes.length, WARM_UP_LINES / linesPerDatagram);
            final List<Long> windows = new ArrayList<>();
            boolean allocationFree = false;
            while (!allocationFree && windows.size() < MAX_WINDOWS)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                feed(f, buffer, bytes.length, WINDOW_LINES / linesPerDatagram);
                final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                windows.add(allocated);
                allocationFree = allocated == 0;
            }
            assertTrue(allocationFree, "no allocation-free window of " + WINDOW_LINES + " lines: " + windows + " B");
            assertEquals(0, f.ingest.internalErrors());
            final long datagrams = 1 + WARM_UP_LINES / linesPerDatagram + (long)windows.size() * (WINDOW_LINES / linesPerDatagram);
            assertEquals(datagrams * linesPerDatagram, f.ingest.counters().lines());
            assertEquals(datagrams, f.ingest.counters().lines(LineOutcome.REJECTED));
            assertEquals(datagrams, f.ingest.counters().lines(LineOutcome.UNMAPPED));
            assertEquals(datagrams, f.ingest.counters().lines(LineOutcome.MALFORMED));
            f.engine.flush();
            assertEquals(datagrams * (1 + (1 + 2 + 3) * 2), f.engine.queries().stats("variable_read", TimeRange.ALL).sum());
        }
    }

    private static void feed(final StatsdFixture f, final UnsafeBuffer buffer, final int length, final int datagrams)
    {
        for (int i = 0; i < datagrams; i++)
        {
            if ((i & 1023) == 0)
            {
                f.clock.advance(50); // set windows roll over now and then
            }
            f.ingest.onDatagram(buffer, 0, length, f.clock.time());
        }
    }
}
