package dev.bridge.analytics.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * Writes an {@link ExportSnapshot} in one format, reading nothing but the snapshot. Implementations are
 * stateless and thread-safe; obtain them from {@link ExportWriters#of(ExportFormat)}.
 */
public interface ExportWriter
{
    /** @return the optional snapshot parts this format writes (the snapshot must hold them). */
    Set<SnapshotPart> parts();

    /**
     * Writes {@code snapshot} to {@code out} as UTF-8 and flushes it; {@code out} stays open.
     *
     * @throws IOException from {@code out}.
     */
    void write(ExportSnapshot snapshot, OutputStream out) throws IOException;
}
