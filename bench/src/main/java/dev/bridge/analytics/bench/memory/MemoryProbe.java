package dev.bridge.analytics.bench.memory;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What this JVM holds now: heap used after full collections, direct and mapped buffer pools, resident set size
 * ({@code /proc/self/status VmRSS}), and the bytes of a directory's files. Stateless; {@link #heapAfterGc()} blocks for
 * the collections. Thread-safe.
 */
final class MemoryProbe
{
    private MemoryProbe()
    {
    }

    /** @return heap bytes used after collections, once two in a row agree within 1% (at most 6). */
    static long heapAfterGc()
    {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++)
        {
            System.gc();
            final long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) <= used / 100)
            {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    /** @return bytes held by the buffer pool named {@code name} ({@code direct} or {@code mapped}). */
    static long bufferPool(final String name)
    {
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if (pool.getName().equals(name))
            {
                return pool.getMemoryUsed();
            }
        }
        return 0;
    }

    /** @return the process' resident set in bytes, or -1 where {@code /proc} does not say. */
    static long residentBytes()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
            {
                if (line.startsWith("VmRSS:"))
                {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        catch (final IOException | NumberFormatException ex)
        {
            return -1;
        }
        return -1;
    }

    /**
     * @return the bytes the files under {@code dir} occupy on disk (allocated blocks, {@code du -sk}; the store's
     *         files are sparse), or their apparent size where {@code du} cannot tell; 0 without the directory.
     */
    static long diskBytes(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return 0;
        }
        try
        {
            final Process du = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
            final String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (du.waitFor() == 0)
            {
                return Long.parseLong(out.trim().split("\\s+")[0]) * 1024;
            }
        }
        catch (final IOException | NumberFormatException ex)
        {
            // fall through to the apparent size
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
