package dev.bridge.analytics.store;

import net.openhft.chronicle.hash.ChronicleHashCorruption;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Opens the Chronicle Map files of a store so that a missing, truncated, foreign or damaged file is refused with a
 * {@link StoreException} before Chronicle touches it: Chronicle silently re-initialises a 0-byte file (a read-only
 * query rewrote it), waits a minute on a zero-filled one, and reports the rest with assorted exceptions. A file
 * that exists is checked (non-empty, Chronicle Map header) and then opened; only {@link Mode#CREATE} creates one.
 * Recovery reports what it repaired through a listener of our own as one WARN line (Chronicle's default listener
 * logs every repaired segment lock at ERROR although the recovery succeeds). Stateless, thread-safe.
 */
final class MapFiles
{
    private static final Logger LOG = LoggerFactory.getLogger(MapFiles.class);
    /**
     * The self-bootstrapping header: an 8-byte checksum of the header, a 4-byte header word (little-endian length
     * of the header text; its top bits flag a header still being written, which makes Chronicle wait a minute),
     * then the header text, which starts with the map's type name.
     */
    private static final int WORD_OFFSET = 8;
    private static final int TYPE_OFFSET = 12;
    private static final int FLAG_BITS = 0xC000_0000;
    private static final byte[] TYPE = "!net.openhft.chronicle.map.".getBytes(StandardCharsets.US_ASCII);
    static final String RESTORE = ": restore it from a backup; the store was not opened and nothing was changed";

    private MapFiles()
    {
    }

    /** How a map file is opened. */
    enum Mode
    {
        /** Must exist; opened as it is (readers, and writers after a clean stop). */
        EXISTING,
        /** Must exist; opened with recovery (a writer after an unclean stop). */
        RECOVER,
        /** Created when absent, else opened as {@link #EXISTING}. */
        CREATE
    }

    /** @return the map of {@code dir/name}, opened as {@code mode} says. */
    static <K, V> ChronicleMap<K, V> open(
        final ChronicleMapBuilder<K, V> builder, final Path dir, final String name, final Mode mode)
    {
        final Path path = dir.resolve(name);
        final File file = path.toFile();
        if (mode == Mode.CREATE && !Files.exists(path))
        {
            try
            {
                return builder.createPersistedTo(file);
            }
            catch (final IOException | RuntimeException ex)
            {
                throw new StoreException(path, "cannot be created: " + ex.getMessage(), ex);
            }
        }
        check(path);
        try
        {
            if (mode != Mode.RECOVER)
            {
                return builder.createPersistedTo(file);
            }
            builder.createPersistedTo(file).close(); // refuses a damaged file: recovery would "repair" it
            final RecoveryReport report = new RecoveryReport();
            final ChronicleMap<K, V> map = builder.recoverPersistedTo(file, true, report);
            report.log(path);
            return map;
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new StoreException(path, "damaged (" + ex.getMessage() + ")" + RESTORE, ex);
        }
    }

    /** Refuses a missing, empty or foreign file without writing to it. */
    static void check(final Path path)
    {
        final byte[] head = new byte[TYPE_OFFSET + TYPE.length];
        final int read;
        final long size;
        try
        {
            if (!Files.isRegularFile(path))
            {
                throw new StoreException(path, "missing: the store in this directory needs it" + RESTORE);
            }
            size = Files.size(path);
            try (InputStream in = Files.newInputStream(path))
            {
                read = in.readNBytes(head, 0, head.length);
            }
        }
        catch (final IOException ex)
        {
            throw new StoreException(path, "cannot be read: " + ex.getMessage(), ex);
        }
        if (size == 0)
        {
            throw new StoreException(path, "truncated (0 bytes)" + RESTORE);
        }
        if (read < head.length || !Arrays.equals(head, TYPE_OFFSET, head.length, TYPE, 0, TYPE.length))
        {
            throw new StoreException(path, "not a store file (no Chronicle Map header)" + RESTORE);
        }
        final int word = (head[WORD_OFFSET] & 0xFF) | (head[WORD_OFFSET + 1] & 0xFF) << 8 |
            (head[WORD_OFFSET + 2] & 0xFF) << 16 | (head[WORD_OFFSET + 3] & 0xFF) << 24;
        if ((word & FLAG_BITS) != 0 || (word & ~FLAG_BITS) < TYPE.length || TYPE_OFFSET + (long)(word & ~FLAG_BITS) > size)
        {
            throw new StoreException(path, "damaged (incomplete Chronicle Map header)" + RESTORE);
        }
    }

    /** Collects what recovery repaired; logs one line. Used by one recovery on one thread. */
    private static final class RecoveryReport implements ChronicleHashCorruption.Listener
    {
        private int corruptions;
        private String first;

        @Override
        public void onCorruption(final ChronicleHashCorruption corruption)
        {
            if (corruptions++ == 0)
            {
                first = "segment " + corruption.segmentIndex() + ": " + corruption.message();
            }
        }

        void log(final Path path)
        {
            if (corruptions > 0)
            {
                LOG.warn("{}: recovery after an unclean stop repaired {} problem(s) (first: {}); the data is kept",
                    path, corruptions, first);
            }
        }
    }
}
