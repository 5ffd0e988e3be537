package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesRegistry;
import dev.bridge.analytics.series.SeriesTable;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.HistogramWriter;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.StoreCapacity;
import dev.bridge.analytics.store.StoreException;
import dev.bridge.analytics.store.StoreReader;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The histogram stage against a real store: what it keeps on the heap, what each level holds, refused writes. */
class HistogramStageTest
{
    private static final long T0 = 1_699_999_200_000L; // a whole hour
    private static final String YAML = "engine:\n  resource_sampling_interval: 0s\nmetrics:\n  lat_us:\n" +
        "    type: histogram\n    unit: microseconds\n    help: x\n    labels: [op]\n" +
        "    histogram: { lowest: 1, highest: 60000000, significant_digits: 3 }\n";

    @TempDir
    Path dir;

    private MetricStore store;
    private SeriesTable table;
    private SeriesRegistry registry;
    private List<Resolution> resolutions;
    private HistogramStage stage;

    private void open(final StoreCapacity capacity) throws Exception
    {
        final EngineConfig config = EngineConfig.parse(YAML, "stage.yaml");
        final Map<String, MetricDefinition> catalog = new LinkedHashMap<>();
        config.metrics().forEach(m -> catalog.put(m.name(), m));
        store = MetricStore.openForWriting(dir, capacity);
        table = new SeriesTable(64);
        registry = new SeriesRegistry(catalog, store.series(), table, 100, id -> { });
        resolutions = config.engine().resolutions();
        final HistogramWriter writer = store.newHistogramWriter();
        stage = new HistogramStage(table, resolutions.get(0), writer, null);
        final RollupHistograms[] rollups = new RollupHistograms[resolutions.size()];
        for (int i = 1; i <= rollups.length; i++)
        {
            rollups[i - 1] = new RollupHistograms(i < rollups.length ? resolutions.get(i) : TotalsLevel.RESOLUTION, writer);
        }
        stage.feed(rollups);
        stage.startExpiryAtEveryLevel(T0);
    }

    @AfterEach
    void close()
    {
        if (store != null)
        {
            store.close();
        }
    }

    @Test
    void shouldHoldNoCountsOnceCommittedAndStoreEachLevelAsTheHistogramOfItsValues() throws Exception
    {
        open(StoreCapacity.forEntries(100_000, 64));
        final int a = registry.resolve("lat_us", "op", "a").id();
        final int b = registry.resolve("lat_us", "op", "b").id();
        final SplittableRandom random = new SplittableRandom(18);
        final Histogram totalA = reference();
        final Histogram minuteA = reference();
        final Histogram secondA = reference();
        for (int second = 0; second < 90; second++) // a minute and a half: two 60 s rollup buckets
        {
            for (int i = 0; i < 50; i++)
            {
                final long value = (long)Math.exp(Math.log(50) + random.nextDouble() * Math.log(100_000));
                stage.record(a, T0 + second * 1000L + i, value);
                stage.record(b, T0 + second * 1000L + i, value / 2 + 1);
                totalA.recordValue(value);
                if (second < 60)
                {
                    minuteA.recordValue(value);
                }
                if (second == 89)
                {
                    secondA.recordValue(value);
                }
            }
            assertTrue(stage.pagesHeld(a) > 0);
            if (second % 7 == 0)
            {
                stage.commit();
                assertEquals(0, stage.pagesHeld(a), "a committed series holds no pages");
                assertEquals(0, stage.pagesHeld(b));
            }
        }
        stage.commit();
        assertEquals(0, stage.pagesHeld(a));

        final StoreReader reader = store.newReader();
        assertArrayEquals(encoding(totalA), stored(reader, BucketKey.totals(a)));
        assertArrayEquals(encoding(minuteA), stored(reader, BucketKey.pack(a, 1, T0 / 1000)));
        assertArrayEquals(encoding(secondA), stored(reader, BucketKey.raw(a, (T0 + 89_000) / 1000)));
        assertEquals(50 * 90, Histogram.decodeFromByteBuffer(ByteBuffer.wrap(stored(reader, BucketKey.totals(b))), 0)
            .getTotalCount());
    }

    @Test
    void shouldWriteASeriesAtOnceWhenItsCountsReachThePageBudget() throws Exception
    {
        open(StoreCapacity.forEntries(100_000, 64));
        final int a = registry.resolve("lat_us", "op", "a").id();
        final HistogramShape shape = new HistogramShape(table.info(a).metric().histogram());
        final Histogram reference = reference();
        int mostPages = 0;
        for (int round = 0; round < 2; round++)
        {
            for (int index = 0; index < shape.countsLength(); index++) // every count of the range: 272 pages
            {
                final long value = Math.min(shape.valueAt(index), shape.highestTrackableValue());
                stage.record(a, T0 + 500, value);
                reference.recordValue(value);
                mostPages = Math.max(mostPages, stage.pagesHeld(a));
            }
        }
        assertEquals(HistogramStage.PAGE_BUDGET - 1, mostPages, "written once the budget is reached");
        stage.commit();

        final StoreReader reader = store.newReader();
        assertArrayEquals(encoding(reference), stored(reader, BucketKey.raw(a, (T0 + 500) / 1000)));
        assertArrayEquals(encoding(reference), stored(reader, BucketKey.totals(a)));
    }

    @Test
    void shouldAddLateValuesAndValuesPastRawRetentionToTheLevelsThatKeepTheirBucket() throws Exception
    {
        open(StoreCapacity.forEntries(100_000, 64));
        final int a = registry.resolve("lat_us", "op", "a").id();
        final long rawRetentionMs = resolutions.get(0).retentionMs();
        final long nowMs = T0 + rawRetentionMs + 120_000;
        stage.expireEveryLevel(nowMs);
        stage.record(a, nowMs, 1_000);
        stage.record(a, nowMs - 5_000, 2_000); // late: its raw bucket is before the live one
        stage.record(a, nowMs - 5_000, 2_000);
        stage.record(a, T0 + 1_000, 3_000); // past raw retention, inside the 60 s rollup's
        assertTrue(stage.pagesHeld(a) > 0);
        stage.commit();
        assertEquals(0, stage.pagesHeld(a));

        final StoreReader reader = store.newReader();
        final Histogram late = reference();
        late.recordValueWithCount(2_000, 2);
        assertArrayEquals(encoding(late), stored(reader, BucketKey.raw(a, (nowMs - 5_000) / 1000)));
        assertNull(reader.readHistogramEncoding(BucketKey.raw(a, (T0 + 1_000) / 1000)), "past raw retention");
        final Histogram old = reference();
        old.recordValue(3_000);
        assertArrayEquals(encoding(old), stored(reader, BucketKey.pack(a, 1, T0 / 1000)));
        final Histogram all = reference();
        all.recordValue(1_000);
        all.add(late);
        all.add(old);
        assertArrayEquals(encoding(all), stored(reader, BucketKey.totals(a)));
    }

    @Test
    void shouldKeepCountsTheStoreRefusesAndAddThemOnceItAcceptsAgain() throws Exception
    {
        open(new StoreCapacity(1_000, 1_000, 1_000, 64));
        final int a = registry.resolve("lat_us", "op", "a").id();
        final HistogramWriter writer = store.newHistogramWriter();
        final List<Long> fillerKeys = fillHistogramMap(writer);
        final Histogram reference = reference();
        for (int second = 0; second < 3; second++)
        {
            for (long v = 1; v < 60_000_000L; v = v * 3 / 2 + 1)
            {
                stage.record(a, T0 + second * 1000L, v);
                reference.recordValue(v);
            }
        }
        final StoreException refused = assertThrows(StoreException.class, stage::commit);
        assertTrue(refused.getMessage().contains("cannot write a bucket: the map is full"), refused.getMessage());
        assertTrue(stage.unwrittenBuckets() > 0);
        assertEquals(0, stage.pagesHeld(a), "refused counts are kept aside, not in the live bucket");

        fillerKeys.forEach(writer::remove);
        stage.commit();

        assertEquals(0, stage.unwrittenBuckets());
        assertArrayEquals(encoding(reference), stored(store.newReader(), BucketKey.totals(a)));
    }

    @Test
    void shouldForgetRefusedCountsOfABucketThatPassedRetentionMeanwhile() throws Exception
    {
        open(new StoreCapacity(1_000, 1_000, 1_000, 64));
        final int a = registry.resolve("lat_us", "op", "a").id();
        final HistogramWriter writer = store.newHistogramWriter();
        final List<Long> fillerKeys = fillHistogramMap(writer);
        final Histogram reference = reference();
        for (long v = 1; v < 60_000_000L; v = v * 3 / 2 + 1)
        {
            stage.record(a, T0, v);
            reference.recordValue(v);
        }
        assertThrows(StoreException.class, stage::commit);
        final long rawKey = BucketKey.raw(a, T0 / 1000);
        final long minuteKey = BucketKey.pack(a, 1, T0 / 1000);

        stage.expireEveryLevel(T0 + resolutions.get(0).retentionMs() + 2_000); // the raw bucket's retention ends
        fillerKeys.forEach(writer::remove);
        stage.commit();

        assertEquals(0, stage.unwrittenBuckets());
        final StoreReader reader = store.newReader();
        assertEquals(null, reader.readHistogramEncoding(rawKey), "an expired bucket is not written again");
        assertArrayEquals(encoding(reference), stored(reader, minuteKey), "the rollup keeps its bucket: written");
        assertArrayEquals(encoding(reference), stored(reader, BucketKey.totals(a)));
    }

    /** @return the keys of the raw buckets of a filler series written until histograms.dat refused one. */
    private List<Long> fillHistogramMap(final HistogramWriter writer)
    {
        final int filler = registry.resolve("lat_us", "op", "filler").id();
        final Histogram wide = reference();
        for (long v = 1; v < 60_000_000L; v = v * 11 / 10 + 1)
        {
            wide.recordValue(v); // ~1.4 KB encoded: the map runs out of space before entries
        }
        final List<Long> fillerKeys = new ArrayList<>();
        assertThrows(StoreException.class, () ->
        {
            for (int i = 0; i < 100_000; i++)
            {
                writer.write(BucketKey.raw(filler, i), wide);
                fillerKeys.add(BucketKey.raw(filler, i));
            }
        });
        return fillerKeys;
    }

    private static Histogram reference()
    {
        return new Histogram(1, 60_000_000, 3);
    }

    private static byte[] encoding(final Histogram histogram)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), length);
    }

    private static byte[] stored(final StoreReader reader, final long bucketKey)
    {
        final ByteBuffer encoding = reader.readHistogramEncoding(bucketKey);
        assertTrue(encoding != null, "bucket " + Long.toHexString(bucketKey) + " is stored");
        final byte[] bytes = new byte[encoding.remaining()];
        encoding.get(bytes);
        return bytes;
    }
}
