package dev.bridge.analytics.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exporter's persisted position ({@code remote-write.json} in the data directory): the receiver's URL, the end
 * of the last step the receiver acknowledged, and every series' cumulative totals at that instant. Written after
 * each acknowledged (or rejected) request, to a temporary file renamed over the old one, so a crash leaves either
 * the old or the new state. On start the exporter resumes after {@link #ackedUntilMs}: nothing acknowledged is sent
 * again and nothing after it is skipped. Not thread-safe: owned by the exporter thread.
 */
final class RemoteWriteState
{
    static final String FILE = "remote-write.json";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    final String url;
    final long ackedUntilMs;
    final Map<String, SeriesTotals> series;

    RemoteWriteState(final String url, final long ackedUntilMs, final Map<String, SeriesTotals> series)
    {
        this.url = url;
        this.ackedUntilMs = ackedUntilMs;
        this.series = series;
    }

    /**
     * @return the state saved in {@code file}, or null when there is none.
     * @throws IOException when the file cannot be read or is not a state of this version (the message says which
     *                     field).
     */
    static RemoteWriteState load(final Path file) throws IOException
    {
        if (!Files.exists(file))
        {
            return null;
        }
        final JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isObject() || root.path("version").asInt() != VERSION)
        {
            throw new IOException(file + ": not a remote-write state of version " + VERSION);
        }
        final Map<String, SeriesTotals> series = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> fields = root.path("series").fields();
        while (fields.hasNext())
        {
            final Map.Entry<String, JsonNode> e = fields.next();
            final JsonNode s = e.getValue();
            final SeriesTotals t = SeriesTotals.empty(require(file, s, "schema").asInt());
            t.count = require(file, s, "count").asLong();
            t.sum = require(file, s, "sum").asLong();
            t.last = s.hasNonNull("last") ? s.get("last").asLong() : null;
            if (s.has("bounds"))
            {
                final JsonNode bounds = s.get("bounds");
                final JsonNode classic = require(file, s, "classic");
                t.bounds = new double[bounds.size()];
                t.classic = new long[bounds.size()];
                for (int i = 0; i < t.bounds.length; i++)
                {
                    t.bounds[i] = bounds.get(i).asDouble();
                    t.classic[i] = classic.get(i).asLong();
                }
            }
            t.nativeBuckets.addZero(s.path("zero").asLong());
            for (final JsonNode pair : s.path("native"))
            {
                t.nativeBuckets.addToBucket(pair.get(0).asInt(), pair.get(1).asLong());
            }
            series.put(e.getKey(), t);
        }
        return new RemoteWriteState(require(file, root, "url").asText(), require(file, root, "acked_until_ms").asLong(),
            series);
    }

    private static JsonNode require(final Path file, final JsonNode node, final String field) throws IOException
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            throw new IOException(file + ": field '" + field + "' is missing");
        }
        return value;
    }

    /** Writes this state to {@code file} atomically (temporary file and rename). */
    void save(final Path file) throws IOException
    {
        final ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("url", url);
        root.put("acked_until_ms", ackedUntilMs);
        final ObjectNode all = root.putObject("series");
        for (final Map.Entry<String, SeriesTotals> e : series.entrySet())
        {
            final SeriesTotals t = e.getValue();
            final ObjectNode s = all.putObject(e.getKey());
            s.put("count", t.count);
            s.put("sum", t.sum);
            if (t.last != null)
            {
                s.put("last", t.last);
            }
            if (t.bounds != null)
            {
                final ArrayNode bounds = s.putArray("bounds");
                final ArrayNode classic = s.putArray("classic");
                for (int i = 0; i < t.bounds.length; i++)
                {
                    bounds.add(t.bounds[i]);
                    classic.add(t.classic[i]);
                }
            }
            s.put("schema", t.nativeBuckets.schema());
            s.put("zero", t.nativeBuckets.zeroCount());
            final ArrayNode nativeCounts = s.putArray("native");
            t.nativeBuckets.buckets().forEach((index, count) -> nativeCounts.addArray().add(index).add(count));
        }
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp,
            StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(root)));
            channel.force(true); // on disk before the rename makes it the state
        }
        try
        {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
