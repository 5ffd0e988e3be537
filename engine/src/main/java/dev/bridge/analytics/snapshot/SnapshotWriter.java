package dev.bridge.analytics.snapshot;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.store.BucketAggregate;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.StoreReader;
import dev.bridge.analytics.store.StoredSamples;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a snapshot file ({@link SnapshotFormat}) of a store: every stored bucket of every resolution that overlaps
 * [fromMs, toMs), for each series given, streamed (a bucket at a time; only the sorted bucket keys are held). The file
 * is written to {@code <out>.tmp}, forced to disk and renamed over {@code out} atomically, so a reader never sees a
 * partial file. The store is not frozen meanwhile: buckets committed during the write may or may not be in it.
 * <p>
 * Not thread-safe: one instance per snapshot (it owns a {@link StoreReader}); any number may run on one store.
 */
public final class SnapshotWriter
{
    private static final JsonFactory JSON = new JsonFactory();

    private final StoreReader reader;
    private final BucketKeys keys;
    private final List<Resolution> resolutions;

    /** @param resolutions the store's resolutions, finest first (as {@code EngineSettings.resolutions()}). */
    public SnapshotWriter(final MetricStore store, final List<Resolution> resolutions)
    {
        this.reader = store.newReader();
        this.keys = new BucketKeys(store, reader, resolutions);
        this.resolutions = resolutions;
    }

    /**
     * @param series  the series to write (those without a bucket in the range are left out).
     * @param nowMs   the creation time written in the header.
     * @param fromMs  start of the range, inclusive.
     * @param toMs    end of the range, exclusive.
     * @param out     the file to write (replaced).
     * @return what was written.
     * @throws IOException when the file cannot be written (the temporary file is removed).
     */
    public SnapshotSummary write(
        final List<SeriesInfo> series, final long nowMs, final long fromMs, final long toMs, final Path out)
        throws IOException
    {
        final Path parent = out.toAbsolutePath().getParent();
        final Path temporary = parent.resolve(out.getFileName() + ".tmp");
        final long[] counts;
        try (FileChannel channel = FileChannel.open(temporary,
            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            final OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
            try (JsonGenerator json = JSON.createGenerator(stream, JsonEncoding.UTF8))
            {
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the channel is forced before it is closed
                json.setPrettyPrinter(new SnapshotPrettyPrinter());
                counts = writeDocument(json, series, nowMs, fromMs, toMs);
            }
            stream.flush();
            channel.force(true);
            Files.move(temporary, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException | RuntimeException ex)
        {
            Files.deleteIfExists(temporary);
            throw ex;
        }
        return new SnapshotSummary(out, (int)counts[0], counts[1], Files.size(out), fromMs, toMs);
    }

    /** @return {series written, buckets written}. */
    private long[] writeDocument(
        final JsonGenerator json, final List<SeriesInfo> series, final long nowMs, final long fromMs, final long toMs)
        throws IOException
    {
        json.writeStartObject();
        json.writeStringField(SnapshotFormat.F_FORMAT, SnapshotFormat.FORMAT);
        json.writeNumberField(SnapshotFormat.F_VERSION, SnapshotFormat.VERSION);
        json.writeNumberField(SnapshotFormat.F_CREATED_MS, nowMs);
        json.writeObjectFieldStart(SnapshotFormat.F_RANGE);
        json.writeNumberField(SnapshotFormat.F_START_MS, fromMs);
        json.writeNumberField(SnapshotFormat.F_END_MS, toMs);
        json.writeEndObject();
        json.writeArrayFieldStart(SnapshotFormat.F_RESOLUTIONS_MS);
        for (final Resolution r : resolutions)
        {
            json.writeNumber(r.widthMs());
        }
        json.writeEndArray();
        json.writeArrayFieldStart(SnapshotFormat.F_SERIES);
        final Map<Integer, SeriesInfo> byId = new HashMap<>();
        series.forEach(s -> byId.put(s.id(), s));
        final long[] sorted = keys.overlapping(series, fromMs, toMs);
        final BucketAggregate aggregate = reader.aggregateScratch();
        long seriesWritten = 0;
        long bucketsWritten = 0;
        int openId = -1;
        for (final long key : sorted)
        {
            final SeriesInfo info = byId.get(BucketKey.seriesId(key));
            if (info == null || !reader.readAggregate(key, aggregate))
            {
                continue; // removed by retention since the keys were collected
            }
            if (info.id() != openId)
            {
                if (openId != -1)
                {
                    json.writeEndArray();
                    json.writeEndObject();
                }
                openId = info.id();
                seriesWritten++;
                writeSeriesStart(json, info);
            }
            writeBucket(json, info, key, aggregate);
            bucketsWritten++;
        }
        if (openId != -1)
        {
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        return new long[]{ seriesWritten, bucketsWritten };
    }

    private static void writeSeriesStart(final JsonGenerator json, final SeriesInfo info) throws IOException
    {
        json.writeStartObject();
        json.writeStringField(SnapshotFormat.F_KEY, info.key());
        json.writeStringField(SnapshotFormat.F_METRIC, info.metric().name());
        json.writeObjectFieldStart(SnapshotFormat.F_LABELS);
        for (final Map.Entry<String, String> label : info.labels().entrySet())
        {
            json.writeStringField(label.getKey(), label.getValue());
        }
        json.writeEndObject();
        json.writeArrayFieldStart(SnapshotFormat.F_BUCKETS);
    }

    private void writeBucket(final JsonGenerator json, final SeriesInfo info, final long key, final BucketAggregate a)
        throws IOException
    {
        final int level = BucketKey.resolutionIndex(key);
        json.writeStartObject();
        json.writeNumberField(SnapshotFormat.F_RESOLUTION, level);
        json.writeNumberField(SnapshotFormat.F_START_SEC, BucketKey.bucketStartSec(key));
        json.writeNumberField(SnapshotFormat.F_COUNT, a.getCount());
        json.writeNumberField(SnapshotFormat.F_SUM, a.getSum());
        json.writeNumberField(SnapshotFormat.F_MIN, a.getMin());
        json.writeNumberField(SnapshotFormat.F_MAX, a.getMax());
        json.writeNumberField(SnapshotFormat.F_SUM_SQUARES, a.getSumSquares());
        json.writeNumberField(SnapshotFormat.F_LAST, a.getLast());
        if (info.metric().type() == MetricType.HISTOGRAM)
        {
            final ByteBuffer encoding = reader.readHistogramEncoding(key);
            if (encoding != null)
            {
                final byte[] bytes = new byte[encoding.remaining()];
                encoding.duplicate().get(bytes);
                json.writeStringField(SnapshotFormat.F_HISTOGRAM, Base64.getEncoder().encodeToString(bytes));
            }
            final StoredSamples samples = level == BucketKey.RAW_RESOLUTION ? reader.readStoredSamples(key) : null;
            if (samples != null)
            {
                json.writeObjectFieldStart(SnapshotFormat.F_SAMPLES);
                json.writeNumberField(SnapshotFormat.F_TOTAL, samples.total());
                json.writeArrayFieldStart(SnapshotFormat.F_VALUES);
                for (final long v : samples.values())
                {
                    json.writeNumber(v);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
        }
        json.writeEndObject();
    }
}
