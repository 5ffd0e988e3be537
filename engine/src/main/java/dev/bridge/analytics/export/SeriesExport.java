package dev.bridge.analytics.export;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.query.SeriesBucket;
import org.HdrHistogram.Histogram;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One series in an {@link ExportSnapshot}: identity, stats over the range and what each format takes from them.
 * Values are in the metric's own unit (the Prometheus writer converts to base units). Immutable, thread-safe.
 */
public final class SeriesExport
{
    private final MetricDefinition metric;
    private final Map<String, String> labels;
    private final String key;
    private final boolean overflow;
    private final Stats stats;
    private final Long createdMs;
    private final List<SeriesBucket> buckets;
    private final HistogramExport histogram;
    private final Histogram distribution;

    /**
     * @param metric       the metric.
     * @param labels       label name -> value in the metric's declared order (unmodifiable).
     * @param key          the series' canonical key (stable across snapshots).
     * @param overflow     true for the metric's overflow series.
     * @param stats        stats over the range ({@link Stats#EMPTY} without data).
     * @param createdMs    when the values of the range started counting: the later of the range's start and the
     *                     start of the series' first raw bucket with data; null without data.
     * @param buckets      buckets with data, oldest first (empty unless {@link SnapshotPart#BUCKETS} was asked).
     * @param histogram    histogram metrics: buckets, count, sum, percentiles; null for other metrics.
     * @param distribution histogram metrics with {@link SnapshotPart#DISTRIBUTIONS}: the merged HdrHistogram,
     *                     owned by this object from now on; else null.
     */
    public SeriesExport(
        final MetricDefinition metric, final Map<String, String> labels, final String key, final boolean overflow,
        final Stats stats, final Long createdMs, final List<SeriesBucket> buckets, final HistogramExport histogram,
        final Histogram distribution)
    {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        this.key = Objects.requireNonNull(key, "key");
        this.overflow = overflow;
        this.stats = Objects.requireNonNull(stats, "stats");
        this.createdMs = createdMs;
        this.buckets = List.copyOf(buckets);
        this.histogram = histogram;
        this.distribution = distribution;
    }

    /** @return the metric's definition (name, type, unit, help, labels). */
    public MetricDefinition metric()
    {
        return metric;
    }

    /** @return label name -> value, in the metric's declared label order; "" for a label never given. */
    public Map<String, String> labels()
    {
        return labels;
    }

    /** @return the series' canonical key, stable across snapshots of the same store. */
    public String key()
    {
        return key;
    }

    /** @return true for the overflow series (label values {@code __overflow__}). */
    public boolean overflow()
    {
        return overflow;
    }

    /** @return stats over the range. */
    public Stats stats()
    {
        return stats;
    }

    /** @return true when the range holds at least one value of the series. */
    public boolean hasData()
    {
        return stats.count() > 0;
    }

    /** @return counters: the total over the range (0 without data). */
    public long total()
    {
        return stats.sum();
    }

    /** @return the last value of the range (gauges); null without data. */
    public Long last()
    {
        return stats.last();
    }

    /** @return epoch ms the range's values started counting from; null without data. */
    public Long createdMs()
    {
        return createdMs;
    }

    /** @return the buckets with data, oldest first (empty unless the snapshot has {@link SnapshotPart#BUCKETS}). */
    public List<SeriesBucket> buckets()
    {
        return buckets;
    }

    /** @return histogram metrics: the exported histogram; null for counters and gauges. */
    public HistogramExport histogram()
    {
        return histogram;
    }

    /**
     * @return a copy of the merged HdrHistogram of the range (histogram metrics, snapshots with
     *         {@link SnapshotPart#DISTRIBUTIONS}); null otherwise.
     */
    public Histogram distribution()
    {
        return distribution == null ? null : distribution.copy();
    }

    @Override
    public String toString()
    {
        return "SeriesExport{" + metric.name() + labels + ", " + stats + ", created=" + createdMs + '}';
    }
}
