package dev.bridge.analytics.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A private copy of a store that this process may not write (a backup on read-only media, files without write
 * permission): Chronicle Map maps its files read-write (its locks live in the files), so a read-only store is
 * read through a copy in a temporary directory, removed when the reader closes. The copy keeps the files sparse
 * (blocks of zeros are skipped), so it costs the store's data, not its preallocated size. Stateless, thread-safe.
 */
final class ReadOnlyCopy
{
    private static final int BLOCK = 1 << 20;

    private ReadOnlyCopy()
    {
    }

    /** @return true when this process cannot write {@code dir} or one of {@code files} in it. */
    static boolean needed(final Path dir, final List<String> files)
    {
        if (!Files.isWritable(dir))
        {
            return true;
        }
        for (final String file : files)
        {
            final Path path = dir.resolve(file);
            if (Files.exists(path) && !Files.isWritable(path))
            {
                return true;
            }
        }
        return false;
    }

    /** @return a new temporary directory holding sparse copies of those of {@code files} that exist in {@code dir}. */
    static Path of(final Path dir, final List<String> files)
    {
        final Path copy;
        try
        {
            copy = Files.createTempDirectory("bridge-analytics-read-only-");
        }
        catch (final IOException ex)
        {
            throw new StoreException(dir, "is read-only and no temporary directory can hold a copy to read: " + ex.getMessage(), ex);
        }
        try
        {
            for (final String file : files)
            {
                if (Files.exists(dir.resolve(file)))
                {
                    copySparse(dir.resolve(file), copy.resolve(file));
                }
            }
            return copy;
        }
        catch (final IOException ex)
        {
            DirectoryTrees.delete(copy);
            throw new StoreException(dir, "is read-only and cannot be copied to " + copy + " to be read: " + ex.getMessage(), ex);
        }
    }

    private static void copySparse(final Path from, final Path to) throws IOException
    {
        final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            final long size = in.size();
            long position = 0;
            while (position < size)
            {
                block.clear();
                final int read = in.read(block, position);
                if (read <= 0)
                {
                    break;
                }
                block.flip();
                if (!zeros(block))
                {
                    out.write(block, position);
                }
                position += read;
            }
            if (out.size() < size)
            {
                out.write(ByteBuffer.allocate(1), size - 1);
            }
        }
    }

    private static boolean zeros(final ByteBuffer block)
    {
        for (int i = block.position(); i + Long.BYTES <= block.limit(); i += Long.BYTES)
        {
            if (block.getLong(i) != 0)
            {
                return false;
            }
        }
        for (int i = block.limit() & ~(Long.BYTES - 1); i < block.limit(); i++)
        {
            if (block.get(i) != 0)
            {
                return false;
            }
        }
        return true;
    }
}
