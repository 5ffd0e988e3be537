package dev.bridge.analytics.remote;

import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.PrometheusNames;
import dev.bridge.analytics.config.RemoteWriteSettings;
import dev.bridge.analytics.config.BaseUnits;
import dev.bridge.analytics.export.BucketBoundLabel;
import dev.bridge.analytics.query.NativeBuckets;
import dev.bridge.analytics.export.PrometheusSnapshots;
import dev.bridge.analytics.export.SeriesExport;
import dev.bridge.analytics.remote.prompb.Remote.WriteRequest;
import dev.bridge.analytics.remote.prompb.Types.BucketSpan;
import dev.bridge.analytics.remote.prompb.Types.Histogram;
import dev.bridge.analytics.remote.prompb.Types.Label;
import dev.bridge.analytics.remote.prompb.Types.MetricMetadata;
import dev.bridge.analytics.remote.prompb.Types.Sample;
import dev.bridge.analytics.remote.prompb.Types.TimeSeries;
import dev.bridge.analytics.store.SaturatingMath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds one remote-write {@code WriteRequest} from the cumulative totals of every series at one or more steps.
 * Names and units are those of the Prometheus exposition ({@link PrometheusSnapshots}): counters
 * {@code <family>_total}, gauges {@code <family>}, histograms {@code <family>_bucket{le}}, {@code _count},
 * {@code _sum} (classic) and {@code <family>} (native), values in base units; external labels are added to every
 * series and labels are sorted by name, as the remote-write specification requires. A series' samples are added in
 * time order. Not thread-safe: one per request, on the exporter thread.
 */
final class WriteRequestBuilder
{
    private static final String NAME = "__name__";

    private final RemoteWriteSettings settings;
    private final String prefix;
    private final Map<List<String>, TimeSeries.Builder> series = new LinkedHashMap<>();
    private final Map<String, MetricMetadata> metadata = new LinkedHashMap<>();
    /** Series key -> its labels without empty values, with the external labels, sorted: built once per series. */
    private final Map<String, TreeMap<String, String>> baseLabels = new HashMap<>();
    private int samples;
    private int histograms;

    WriteRequestBuilder(final RemoteWriteSettings settings, final String prefix)
    {
        this.settings = settings;
        this.prefix = prefix;
    }

    /** Adds the samples of series {@code identity} with {@code totals} at {@code timestampMs}. */
    void add(final SeriesExport identity, final SeriesTotals totals, final long timestampMs)
    {
        final MetricDefinition metric = identity.metric();
        final double factor = PrometheusNames.toBaseUnitFactor(metric);
        switch (metric.type())
        {
            case COUNTER ->
            {
                final String name = PrometheusSnapshots.scalarName(metric, prefix);
                describe(name.substring(0, name.length() - "_total".length()), MetricMetadata.MetricType.COUNTER, metric);
                sample(identity, name, null, BaseUnits.scale(totals.sum, factor), timestampMs);
            }
            case GAUGE ->
            {
                if (totals.last != null)
                {
                    final String name = PrometheusSnapshots.scalarName(metric, prefix);
                    if (PrometheusSnapshots.exportsAsCounter(metric))
                    {
                        // an engine self-metric that counts: its last value is the running count
                        describe(name.substring(0, name.length() - "_total".length()), MetricMetadata.MetricType.COUNTER, metric);
                    }
                    else
                    {
                        describe(name, MetricMetadata.MetricType.GAUGE, metric);
                    }
                    sample(identity, name, null, BaseUnits.scale(totals.last, factor), timestampMs);
                }
            }
            case HISTOGRAM ->
            {
                final String family = PrometheusNames.familyName(metric, prefix);
                describe(family, MetricMetadata.MetricType.HISTOGRAM, metric);
                if (settings.classicHistograms() && totals.classic != null)
                {
                    for (int i = 0; i < totals.classic.length; i++)
                    {
                        sample(identity, family + "_bucket",
                            BucketBoundLabel.of(BaseUnits.scale(totals.bounds[i], factor)), totals.classic[i], timestampMs);
                    }
                    sample(identity, family + "_bucket", "+Inf", totals.count, timestampMs);
                    sample(identity, family + "_count", null, totals.count, timestampMs);
                    sample(identity, family + "_sum", null, BaseUnits.scale(totals.sum, factor), timestampMs);
                }
                if (settings.nativeHistograms())
                {
                    series(identity, family, null).addHistograms(nativeHistogram(totals, factor, timestampMs));
                    histograms++;
                }
            }
            default -> throw new IllegalStateException("unknown metric type " + metric.type());
        }
    }

    /** @return float samples added so far. */
    int samples()
    {
        return samples;
    }

    /** @return native histogram samples added so far. */
    int histograms()
    {
        return histograms;
    }

    /** @return the request: every series with its samples in time order, then one metadata entry per family. */
    WriteRequest build()
    {
        final WriteRequest.Builder request = WriteRequest.newBuilder();
        series.values().forEach(request::addTimeseries);
        request.addAllMetadata(metadata.values());
        return request.build();
    }

    private void sample(
        final SeriesExport identity, final String name, final String le, final double value, final long timestampMs)
    {
        series(identity, name, le).addSamples(Sample.newBuilder().setValue(value).setTimestamp(timestampMs));
        samples++;
    }

    private TimeSeries.Builder series(final SeriesExport identity, final String name, final String le)
    {
        final TreeMap<String, String> labels = new TreeMap<>(baseLabels.computeIfAbsent(identity.key(), k ->
        {
            final TreeMap<String, String> base = new TreeMap<>();
            identity.labels().forEach((n, v) ->
            {
                if (!v.isEmpty())
                {
                    base.put(n, v); // a label never given is absent in Prometheus
                }
            });
            settings.externalLabels().forEach(base::putIfAbsent);
            return base;
        }));
        if (le != null)
        {
            labels.put("le", le);
        }
        labels.put(NAME, name);
        final List<String> key = new ArrayList<>(labels.size() * 2);
        labels.forEach((k, v) ->
        {
            key.add(k);
            key.add(v);
        });
        return series.computeIfAbsent(key, k ->
        {
            final TimeSeries.Builder builder = TimeSeries.newBuilder();
            labels.forEach((n, v) -> builder.addLabels(Label.newBuilder().setName(n).setValue(v)));
            return builder;
        });
    }

    private void describe(final String family, final MetricMetadata.MetricType type, final MetricDefinition metric)
    {
        metadata.computeIfAbsent(family, f -> MetricMetadata.newBuilder()
            .setType(type).setMetricFamilyName(f).setHelp(metric.help()).setUnit(PrometheusNames.baseUnit(metric)).build());
    }

    /** @return the native histogram of {@code totals}: spans of consecutive buckets and delta-encoded counts. */
    static Histogram nativeHistogram(final SeriesTotals totals, final double factor, final long timestampMs)
    {
        final NativeBuckets buckets = totals.nativeBuckets;
        long bucketed = buckets.zeroCount();
        for (final long count : buckets.buckets().values())
        {
            bucketed = SaturatingMath.add(bucketed, count);
        }
        // the count is what the buckets hold (a receiver refuses a histogram whose buckets do not add up to it); it
        // equals totals.count unless the histogram and the aggregate of a step were committed apart
        final Histogram.Builder h = Histogram.newBuilder()
            .setCountInt(bucketed)
            .setSum(BaseUnits.scale(totals.sum, factor))
            .setSchema(buckets.schema())
            .setZeroThreshold(0.0)
            .setZeroCountInt(buckets.zeroCount())
            .setTimestamp(timestampMs);
        int previousIndex = Integer.MIN_VALUE;
        long previousCount = 0;
        int spanStart = 0;
        int spanLength = 0;
        int lastSpanEnd = 0; // index after the previous span
        for (final Map.Entry<Integer, Long> bucket : buckets.buckets().entrySet())
        {
            final int index = bucket.getKey();
            if (spanLength > 0 && index != previousIndex + 1)
            {
                h.addPositiveSpans(span(spanStart, lastSpanEnd, spanLength, h.getPositiveSpansCount() == 0));
                lastSpanEnd = spanStart + spanLength;
                spanLength = 0;
            }
            if (spanLength == 0)
            {
                spanStart = index;
            }
            spanLength++;
            h.addPositiveDeltas(bucket.getValue() - previousCount);
            previousCount = bucket.getValue();
            previousIndex = index;
        }
        if (spanLength > 0)
        {
            h.addPositiveSpans(span(spanStart, lastSpanEnd, spanLength, h.getPositiveSpansCount() == 0));
        }
        return h.build();
    }

    private static BucketSpan span(final int start, final int previousEnd, final int length, final boolean first)
    {
        return BucketSpan.newBuilder().setOffset(first ? start : start - previousEnd).setLength(length).build();
    }
}
