package dev.bridge.analytics.snapshot;

import dev.bridge.analytics.store.DirectoryTrees;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.store.MetricStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a store in a new temporary directory from snapshot files, in two passes: every file is read and checked
 * first (and the buckets counted, to size the store), so that a bad file rejects the merge before anything is
 * written and every bad file is reported at once; then the files are merged in the order given
 * ({@link SnapshotMerger} has the rules). The caller reads the directory (an {@code AnalyticsReader}) and deletes it
 * with {@link DirectoryTrees#delete(Path)}. Stateless; thread-safe (each call builds its own store).
 */
public final class MergedStore
{
    private static final Logger LOG = LoggerFactory.getLogger(MergedStore.class);

    private MergedStore()
    {
    }

    /**
     * @param config    the catalog (series of other metrics are an error) and resolutions (every file must have
     *                  them) to merge with; the merged store is read with it.
     * @param catalog   the metrics a series may belong to, by name: the configuration's, plus the engine's own.
     * @param snapshots the files, at least one; on a metric's {@code last} value the later file wins.
     * @return the directory of the merged store (closed).
     * @throws SnapshotException        when files are rejected: one line per file, {@link
     *                                  SnapshotException#rejectedFiles()} of them.
     * @throws IllegalArgumentException without files, or when the files hold more series than engine.max_series.
     * @throws UncheckedIOException     when the temporary store cannot be written.
     */
    public static Path build(
        final EngineConfig config, final Map<String, MetricDefinition> catalog, final List<Path> snapshots)
    {
        if (snapshots.isEmpty())
        {
            throw new IllegalArgumentException("no snapshot files to merge");
        }
        final Counts counts = check(config, catalog, snapshots);
        if (counts.keys.size() > config.engine().maxSeries())
        {
            throw new IllegalArgumentException("the snapshots hold " + counts.keys.size() +
                " series, more than engine.max_series (" + config.engine().maxSeries() + ")");
        }
        final Path directory;
        try
        {
            directory = Files.createTempDirectory("bridge-analytics-merge-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a directory for the merged store: " + ex.getMessage(), ex);
        }
        try
        {
            try (MetricStore store = MetricStore.openForWriting(directory, counts.entries(), config.engine().maxSeries()))
            {
                final SnapshotMerger merger = new SnapshotMerger(store);
                for (final Path file : snapshots)
                {
                    read(file, new SnapshotParser(file.toString(), catalog, config.engine().resolutions(), merger));
                }
                if (merger.saturated() > 0)
                {
                    LOG.warn("merging the snapshots saturated {} additions of counts or sums at the 64-bit bound: those " +
                        "totals answer 9223372036854775807 (or -9223372036854775808), not their exact value",
                        merger.saturated());
                }
            }
            return directory;
        }
        catch (final RuntimeException ex)
        {
            DirectoryTrees.delete(directory);
            throw ex;
        }
    }

    /** Pass 1: checks every file; throws for all the rejected ones at once. */
    private static Counts check(
        final EngineConfig config, final Map<String, MetricDefinition> catalog, final List<Path> snapshots)
    {
        final Counts total = new Counts();
        final List<SnapshotException> rejected = new ArrayList<>();
        for (final Path file : snapshots)
        {
            final Counts counts = new Counts();
            try
            {
                read(file, new SnapshotParser(file.toString(), catalog, config.engine().resolutions(), counts));
                total.add(counts);
            }
            catch (final SnapshotException ex)
            {
                rejected.add(ex);
            }
            catch (final UncheckedIOException ex)
            {
                rejected.add(new SnapshotException(file.toString(), 0, 0, "", ex.getMessage()));
            }
        }
        if (!rejected.isEmpty())
        {
            throw SnapshotException.of(rejected);
        }
        return total;
    }

    private static void read(final Path file, final SnapshotParser parser)
    {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024))
        {
            parser.parse(in);
        }
        catch (final NoSuchFileException ex)
        {
            throw new UncheckedIOException("cannot read: no such file", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read: " + ex, ex);
        }
    }

    /** What pass 1 counts: series keys and buckets, to size the maps of the merged store. */
    private static final class Counts implements SnapshotVisitor
    {
        private final Set<String> keys = new HashSet<>();
        private boolean histogramMetric;
        private boolean keepsSamples;
        private long buckets;
        private long histograms;
        private long samples;

        @Override
        public void onSeries(final String key, final MetricDefinition metric)
        {
            keys.add(key);
            histogramMetric = metric.type() == MetricType.HISTOGRAM;
            keepsSamples = histogramMetric && metric.histogram().exactSamples() > 0;
        }

        @Override
        public void onBucket(final SnapshotBucket bucket)
        {
            buckets++;
            histograms += bucket.histogram != null ? 1 : 0;
            samples += keepsSamples && bucket.resolution == 0 ? 1 : 0;
        }

        void add(final Counts other)
        {
            keys.addAll(other.keys);
            buckets += other.buckets;
            histograms += other.histograms;
            samples += other.samples;
        }

        /** @return aggregate entries so that each map of the store holds every bucket (see MetricStore's sizing). */
        long entries()
        {
            return Math.max(10_000, Math.max(buckets + buckets / 4, Math.max(8 * histograms + 1_000, 64 * samples)));
        }
    }
}
