package dev.bridge.analytics;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.export.SnapshotPart;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.store.DirectoryTrees;
import dev.bridge.analytics.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded damage to the files of a store: truncation at a random offset, a zero-filled or foreign (random bytes)
 * file, a deleted file, flipped bytes in a map's header. Every open, by a reader and (every third trial) by a
 * writer, either refuses with a {@link StoreException} and leaves the damaged file as it was, or succeeds and answers
 * exactly what the undamaged store answers; never another exception. Damage that the store promises to detect (all
 * of these to a map file, except deleting the derived series-starts.dat) is always refused. Flipped bytes past a
 * map's header are not in the set: they are not detected (see the store's documented limits).
 */
class StoreDamageFuzzTest
{
    private static final long SEED = 20261206L;
    private static final int TRIALS = 36;
    private static final List<String> MAP_FILES =
        List.of("aggregates.dat", "histograms.dat", "series.dat", "samples.dat", "series-starts.dat", "totals.dat",
            "totals-histograms.dat");
    private static final List<String> FILES =
        Stream.concat(MAP_FILES.stream(), Stream.of("store.manifest")).toList();

    private enum Damage { TRUNCATE, ZERO, FOREIGN, DELETE, FLIP_HEADER }

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldRefuseOrAnswerExactlyWhateverTheDamage() throws Exception
    {
        final Path pristine = dir.resolve("pristine");
        try (AnalyticsEngine engine = AnalyticsEngine.start(config(pristine)))
        {
            engine.counter("variable_read").add(5);
            for (final long v : new long[]{ 100, 200, 300 })
            {
                engine.histogram("read_latency_us").record(v);
            }
            engine.flush();
        }
        final String expected = answers(pristine);
        final Random random = new Random(SEED);
        for (int trial = 0; trial < TRIALS; trial++)
        {
            final Path store = dir.resolve("trial-" + trial);
            copy(pristine, store);
            final String file = FILES.get(random.nextInt(FILES.size()));
            final Damage damage = Damage.values()[random.nextInt(Damage.values().length)];
            damage(store.resolve(file), damage, random);
            final boolean promised = MAP_FILES.contains(file) && !(file.equals("series-starts.dat") && damage == Damage.DELETE);
            final String what = "trial " + trial + ": " + damage + " " + file;
            final byte[] damaged = Files.exists(store.resolve(file)) ? Files.readAllBytes(store.resolve(file)) : null;

            check(what, promised, expected, store, file, damaged, () -> answers(store));
            if (trial % 3 == 0)
            {
                check(what + " (writer)", promised, expected, store, file, damaged, () ->
                {
                    try (AnalyticsEngine engine = AnalyticsEngine.start(config(store)))
                    {
                        return answers(engine.queries());
                    }
                });
            }
            DirectoryTrees.delete(store);
        }
    }

    private static void check(
        final String what, final boolean promised, final String expected, final Path store, final String file,
        final byte[] damaged, final Callable<String> open) throws Exception
    {
        final String answers;
        try
        {
            answers = open.call();
        }
        catch (final StoreException ex)
        {
            if (damaged == null)
            {
                assertFalse(Files.exists(store.resolve(file)), what + ": a refused open recreated the file");
            }
            else
            {
                assertArrayEquals(damaged, Files.readAllBytes(store.resolve(file)), what + ": a refused open changed the file");
            }
            return;
        }
        catch (final Exception ex)
        {
            throw new AssertionError(what + ": not a StoreException", ex);
        }
        if (promised)
        {
            fail(what + ": the damage was not detected; answers " + answers);
        }
        assertEquals(expected, answers, what);
    }

    private static EngineConfig config(final Path store)
    {
        return TestConfigs.inDirectory(store, b -> b.storeEntries(20_000));
    }

    private static String answers(final Path store)
    {
        try (AnalyticsReader reader = AnalyticsReader.open(config(store), store))
        {
            return answers(reader.queries());
        }
    }

    private static String answers(final AnalyticsQueries queries)
    {
        return queries.stats("variable_read", Map.of(), TimeRange.ALL) + " " +
            queries.percentiles("read_latency_us", Map.of(), TimeRange.ALL, 0.5, 0.99).values() + " " +
            queries.totals(EnumSet.noneOf(SnapshotPart.class)).series().stream()
                .map(s -> s.key() + "=" + s.total()).toList();
    }

    private static void damage(final Path path, final Damage damage, final Random random) throws IOException
    {
        final long size = Files.exists(path) ? Files.size(path) : 0;
        switch (damage)
        {
            case TRUNCATE ->
            {
                try (var channel = FileChannel.open(path, StandardOpenOption.WRITE))
                {
                    channel.truncate(size == 0 ? 0 : random.nextLong(size));
                }
            }
            case ZERO -> Files.write(path, new byte[(int)size]);
            case FOREIGN ->
            {
                final byte[] bytes = new byte[random.nextInt(1, 65_536)];
                random.nextBytes(bytes);
                Files.write(path, bytes);
            }
            case DELETE -> Files.delete(path);
            case FLIP_HEADER ->
            {
                final byte[] bytes = Files.readAllBytes(path);
                final int header = Math.min(bytes.length, path.toString().endsWith(".dat") ? 1_600 : bytes.length);
                for (int i = random.nextInt(1, 5); i > 0; i--)
                {
                    bytes[random.nextInt(header)] ^= (byte)random.nextInt(1, 256);
                }
                Files.write(path, bytes);
            }
        }
    }

    private static void copy(final Path from, final Path to) throws IOException
    {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from))
        {
            for (final Path file : files.toList())
            {
                if (!file.getFileName().toString().equals("engine.lock"))
                {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }
}
