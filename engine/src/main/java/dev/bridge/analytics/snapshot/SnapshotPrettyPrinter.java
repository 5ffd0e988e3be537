package dev.bridge.analytics.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;

import java.io.IOException;

/**
 * Compact JSON with a line break before each element of the {@code series} and {@code buckets} arrays: one series
 * header or bucket per line, so that the line:column of an error names a bucket, and a file diffs and greps well.
 * Stateless, but Jackson asks for one instance per generator; not thread-safe.
 */
final class SnapshotPrettyPrinter extends MinimalPrettyPrinter
{
    private static final long serialVersionUID = 1L;

    @Override
    public void beforeArrayValues(final JsonGenerator g) throws IOException
    {
        breakLine(g);
    }

    @Override
    public void writeArrayValueSeparator(final JsonGenerator g) throws IOException
    {
        super.writeArrayValueSeparator(g);
        breakLine(g);
    }

    private static void breakLine(final JsonGenerator g) throws IOException
    {
        final JsonStreamContext array = g.getOutputContext();
        final JsonStreamContext owner = array == null ? null : array.getParent();
        final String name = owner == null ? null : owner.getCurrentName();
        if (SnapshotFormat.F_SERIES.equals(name) || SnapshotFormat.F_BUCKETS.equals(name))
        {
            g.writeRaw('\n');
        }
    }
}
