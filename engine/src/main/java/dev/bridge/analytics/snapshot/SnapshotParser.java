package dev.bridge.analytics.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesKey;
import dev.bridge.analytics.store.EncodedHistogramMerger;
import org.agrona.collections.LongArrayList;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one snapshot file with Jackson's streaming parser (a bucket at a time, whatever the file's size), checks
 * everything a merge relies on, and hands the series and buckets to a {@link SnapshotVisitor}. The first problem
 * throws a {@link SnapshotException} naming the file, the line:column and the field: invalid or truncated JSON, a
 * wrong format or version, a resolution list other than the configuration's, a missing or wrongly typed field, a
 * metric outside the catalog, a key that does not match its metric and labels, a bucket start off its resolution's
 * grid, bad base64, a histogram that does not decode or has another layout than its metric's, inconsistent samples,
 * and a bucket whose numbers no engine could have stored ({@link BucketConsistency}: min above max, a sum or sum of
 * squares out of its bounds, a histogram holding another number of values than the count).
 * Fields not in {@link SnapshotFormat} are skipped. Not thread-safe: one instance per file read.
 */
final class SnapshotParser
{
    private static final JsonFactory JSON = new JsonFactory()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String file;
    private final Map<String, MetricDefinition> catalog;
    private final List<Resolution> resolutions;
    private final SnapshotVisitor visitor;
    private final SnapshotBucket bucket = new SnapshotBucket();
    private final Set<String> keys = new HashSet<>();
    private JsonParser p;
    /** The field being read, for problems Jackson finds (invalid JSON, end of file). */
    private String path = "";

    /**
     * @param file        the file's name as given (it starts every message).
     * @param catalog     the metrics a series may belong to, by name.
     * @param resolutions the configuration's resolutions: the file must have the same widths.
     */
    SnapshotParser(
        final String file, final Map<String, MetricDefinition> catalog, final List<Resolution> resolutions,
        final SnapshotVisitor visitor)
    {
        this.file = file;
        this.catalog = catalog;
        this.resolutions = resolutions;
        this.visitor = visitor;
    }

    /**
     * Reads the whole file from {@code in} (not closed).
     *
     * @throws SnapshotException at the first problem.
     * @throws IOException       when {@code in} cannot be read.
     */
    void parse(final InputStream in) throws IOException
    {
        try (JsonParser parser = JSON.createParser(in))
        {
            p = parser;
            readDocument();
        }
        catch (final JsonEOFException ex)
        {
            throw problemAt(ex.getLocation(), path, "truncated: the file ends before the snapshot does");
        }
        catch (final JsonProcessingException ex)
        {
            final String message = ex.getOriginalMessage() == null ? ex.getClass().getSimpleName() : ex.getOriginalMessage();
            final int newline = message.indexOf('\n');
            throw problemAt(ex.getLocation(), path, "not valid JSON: " + (newline < 0 ? message : message.substring(0, newline)));
        }
    }

    private void readDocument() throws IOException
    {
        final JsonToken first = p.nextToken();
        if (first == null)
        {
            throw problemAt(p.currentLocation(), "", "not a snapshot: the file is empty");
        }
        if (first != JsonToken.START_OBJECT)
        {
            throw problem("", "not a snapshot: expected a JSON object, found " + describe(first));
        }
        final JsonLocation start = p.currentTokenLocation();
        final Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            path = name;
            p.nextToken();
            switch (name)
            {
                case SnapshotFormat.F_FORMAT -> readFormat();
                case SnapshotFormat.F_VERSION -> readVersion();
                case SnapshotFormat.F_CREATED_MS -> integer();
                case SnapshotFormat.F_RANGE -> readRange();
                case SnapshotFormat.F_RESOLUTIONS_MS -> readResolutions();
                case SnapshotFormat.F_SERIES ->
                {
                    if (!seen.containsAll(List.of(SnapshotFormat.F_FORMAT, SnapshotFormat.F_VERSION,
                        SnapshotFormat.F_RESOLUTIONS_MS)))
                    {
                        throw problem(name, "must follow format, version and resolutions_ms");
                    }
                    readSeriesArray();
                }
                default -> p.skipChildren();
            }
            seen.add(name);
            path = "";
        }
        for (final String required : List.of(SnapshotFormat.F_FORMAT, SnapshotFormat.F_VERSION,
            SnapshotFormat.F_CREATED_MS, SnapshotFormat.F_RANGE, SnapshotFormat.F_RESOLUTIONS_MS, SnapshotFormat.F_SERIES))
        {
            if (!seen.contains(required))
            {
                throw problemAt(start, required, "missing");
            }
        }
        if (p.nextToken() != null)
        {
            throw problem("", "unexpected content after the snapshot");
        }
    }

    private void readFormat() throws IOException
    {
        final String format = string();
        if (!SnapshotFormat.FORMAT.equals(format))
        {
            throw problem(path, "not a snapshot: format is '" + format + "', expected '" + SnapshotFormat.FORMAT + "'");
        }
    }

    private void readVersion() throws IOException
    {
        final long version = integer();
        if (version != SnapshotFormat.VERSION)
        {
            throw problem(path, "unsupported version " + version + " (this build reads version " +
                SnapshotFormat.VERSION + ")");
        }
    }

    private void readRange() throws IOException
    {
        final JsonLocation start = expect(JsonToken.START_OBJECT, "an object");
        final String owner = path;
        boolean from = false;
        boolean to = false;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            path = owner + "." + name;
            p.nextToken();
            switch (name)
            {
                case SnapshotFormat.F_START_MS ->
                {
                    integer();
                    from = true;
                }
                case SnapshotFormat.F_END_MS ->
                {
                    integer();
                    to = true;
                }
                default -> p.skipChildren();
            }
        }
        if (!from || !to)
        {
            throw problemAt(start, owner + "." + (from ? SnapshotFormat.F_END_MS : SnapshotFormat.F_START_MS), "missing");
        }
    }

    private void readResolutions() throws IOException
    {
        final JsonLocation start = expect(JsonToken.START_ARRAY, "an array");
        final String owner = path;
        final List<Long> widths = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY)
        {
            path = owner + "[" + widths.size() + "]";
            widths.add(integer());
        }
        path = owner;
        final List<Long> expected = resolutions.stream().map(Resolution::widthMs).toList();
        if (!widths.equals(expected))
        {
            throw problemAt(start, owner, widths + " differ from the configuration's " + expected);
        }
    }

    private void readSeriesArray() throws IOException
    {
        expect(JsonToken.START_ARRAY, "an array");
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY)
        {
            path = SnapshotFormat.F_SERIES + "[" + index + "]";
            readSeries(path);
            index++;
        }
    }

    private void readSeries(final String owner) throws IOException
    {
        final JsonLocation start = expect(JsonToken.START_OBJECT, "an object");
        String key = null;
        String metric = null;
        Map<String, String> labels = null;
        JsonLocation keyAt = null;
        JsonLocation metricAt = null;
        JsonLocation labelsAt = null;
        boolean buckets = false;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            path = owner + "." + name;
            p.nextToken();
            switch (name)
            {
                case SnapshotFormat.F_KEY ->
                {
                    keyAt = p.currentTokenLocation();
                    key = string();
                }
                case SnapshotFormat.F_METRIC ->
                {
                    metricAt = p.currentTokenLocation();
                    metric = string();
                }
                case SnapshotFormat.F_LABELS ->
                {
                    labelsAt = p.currentTokenLocation();
                    labels = readLabels();
                }
                case SnapshotFormat.F_BUCKETS ->
                {
                    if (key == null || metric == null || labels == null)
                    {
                        throw problem(path, "must follow key, metric and labels");
                    }
                    final MetricDefinition definition = checkSeries(owner, key, keyAt, metric, metricAt, labels, labelsAt);
                    visitor.onSeries(key, definition);
                    readBuckets(path, definition);
                    buckets = true;
                }
                default -> p.skipChildren();
            }
        }
        final String missing = key == null ? SnapshotFormat.F_KEY : metric == null ? SnapshotFormat.F_METRIC :
            labels == null ? SnapshotFormat.F_LABELS : !buckets ? SnapshotFormat.F_BUCKETS : null;
        if (missing != null)
        {
            throw problemAt(start, owner + "." + missing, "missing");
        }
    }

    private Map<String, String> readLabels() throws IOException
    {
        expect(JsonToken.START_OBJECT, "an object");
        final String owner = path;
        final Map<String, String> labels = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            path = owner + "." + name;
            p.nextToken();
            labels.put(name, string());
        }
        path = owner;
        return labels;
    }

    private MetricDefinition checkSeries(
        final String owner, final String key, final JsonLocation keyAt, final String metric, final JsonLocation metricAt,
        final Map<String, String> labels, final JsonLocation labelsAt)
    {
        final MetricDefinition definition = catalog.get(metric);
        if (definition == null)
        {
            throw problemAt(metricAt, owner + "." + SnapshotFormat.F_METRIC,
                "unknown metric '" + metric + "': not in the configuration's catalog");
        }
        if (!List.copyOf(labels.keySet()).equals(definition.labels()))
        {
            throw problemAt(labelsAt, owner + "." + SnapshotFormat.F_LABELS,
                "labels " + labels.keySet() + " are not those of metric '" + metric + "' " + definition.labels());
        }
        final String expected = SeriesKey.format(metric, labels);
        if (!expected.equals(key))
        {
            throw problemAt(keyAt, owner + "." + SnapshotFormat.F_KEY,
                "'" + printable(key) + "' is not the key of its metric and labels ('" + printable(expected) + "')");
        }
        if (!keys.add(key))
        {
            throw problemAt(keyAt, owner + "." + SnapshotFormat.F_KEY,
                "series '" + printable(key) + "' appears twice in the file");
        }
        return definition;
    }

    private void readBuckets(final String owner, final MetricDefinition metric) throws IOException
    {
        expect(JsonToken.START_ARRAY, "an array");
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY)
        {
            path = owner + "[" + index + "]";
            readBucket(path, metric);
            visitor.onBucket(bucket);
            index++;
        }
    }

    private void readBucket(final String owner, final MetricDefinition metric) throws IOException
    {
        final JsonLocation start = expect(JsonToken.START_OBJECT, "an object");
        bucket.reset();
        final Map<String, JsonLocation> seen = new HashMap<>();
        long histogramCount = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            path = owner + "." + name;
            p.nextToken();
            seen.put(name, p.currentTokenLocation());
            switch (name)
            {
                case SnapshotFormat.F_RESOLUTION -> bucket.resolution = readResolution();
                case SnapshotFormat.F_START_SEC -> bucket.startSec = integer();
                case SnapshotFormat.F_COUNT ->
                {
                    bucket.count = integer();
                    if (bucket.count < 0)
                    {
                        throw problem(path, "must be >= 0, was " + bucket.count);
                    }
                }
                case SnapshotFormat.F_SUM -> bucket.sum = integer();
                case SnapshotFormat.F_MIN -> bucket.min = integer();
                case SnapshotFormat.F_MAX -> bucket.max = integer();
                case SnapshotFormat.F_SUM_SQUARES -> bucket.sumSquares = number();
                case SnapshotFormat.F_LAST -> bucket.last = integer();
                case SnapshotFormat.F_HISTOGRAM ->
                {
                    bucket.histogram = readHistogram(metric);
                    histogramCount = totalCount(bucket.histogram, metric.histogram());
                }
                case SnapshotFormat.F_SAMPLES -> readSamples(metric);
                default -> p.skipChildren();
            }
        }
        for (final String required : List.of(SnapshotFormat.F_RESOLUTION, SnapshotFormat.F_START_SEC,
            SnapshotFormat.F_COUNT, SnapshotFormat.F_SUM, SnapshotFormat.F_MIN, SnapshotFormat.F_MAX,
            SnapshotFormat.F_SUM_SQUARES, SnapshotFormat.F_LAST))
        {
            if (!seen.containsKey(required))
            {
                throw problemAt(start, owner + "." + required, "missing");
            }
        }
        final long stepSec = resolutions.get(bucket.resolution).widthMs() / 1000;
        if (bucket.startSec < 0 || bucket.startSec >= 1L << 36 || bucket.startSec % stepSec != 0)
        {
            throw problemAt(seen.get(SnapshotFormat.F_START_SEC), owner + "." + SnapshotFormat.F_START_SEC,
                bucket.startSec + " is not the start of a " + stepSec + " s bucket (resolution " + bucket.resolution + ")");
        }
        if (bucket.hasSamples && bucket.resolution != 0)
        {
            throw problemAt(start, owner + "." + SnapshotFormat.F_SAMPLES,
                "only raw buckets (resolution 0) keep samples, this one has resolution " + bucket.resolution);
        }
        final BucketConsistency.Problem inconsistent = BucketConsistency.problem(bucket, histogramCount);
        if (inconsistent != null)
        {
            throw problemAt(seen.get(inconsistent.field()), owner + "." + inconsistent.field(), inconsistent.problem());
        }
    }

    /** @return the number of values a checked histogram encoding holds, saturated at {@link Long#MAX_VALUE}. */
    private static long totalCount(final byte[] encoded, final HistogramSpec spec)
    {
        final EncodedHistogramMerger counter =
            new EncodedHistogramMerger(spec.lowestDiscernibleValue(), spec.significantDigits());
        counter.add(ByteBuffer.wrap(encoded));
        return counter.totalCount();
    }

    private int readResolution() throws IOException
    {
        final long resolution = integer();
        if (resolution < 0 || resolution >= resolutions.size())
        {
            throw problem(path, resolution + " is not a resolution index (0.." + (resolutions.size() - 1) + ")");
        }
        return (int)resolution;
    }

    private byte[] readHistogram(final MetricDefinition metric) throws IOException
    {
        if (metric.type() != MetricType.HISTOGRAM)
        {
            throw problem(path, "metric '" + metric.name() + "' is a " + typeName(metric) + ": only histograms have one");
        }
        final String text = string();
        final byte[] encoded;
        try
        {
            encoded = Base64.getDecoder().decode(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw problem(path, "not base64");
        }
        final String problem = HistogramEncodings.problem(encoded, metric.histogram(), metric.name());
        if (problem != null)
        {
            throw problem(path, problem);
        }
        return encoded;
    }

    private void readSamples(final MetricDefinition metric) throws IOException
    {
        if (metric.type() != MetricType.HISTOGRAM)
        {
            throw problem(path, "metric '" + metric.name() + "' is a " + typeName(metric) + ": only histograms keep samples");
        }
        final JsonLocation start = expect(JsonToken.START_OBJECT, "an object");
        final String owner = path;
        boolean total = false;
        boolean values = false;
        while (p.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            path = owner + "." + name;
            p.nextToken();
            switch (name)
            {
                case SnapshotFormat.F_TOTAL ->
                {
                    bucket.samplesTotal = integer();
                    total = true;
                }
                case SnapshotFormat.F_VALUES ->
                {
                    bucket.samples = readValues();
                    values = true;
                }
                default -> p.skipChildren();
            }
        }
        if (!total || !values)
        {
            throw problemAt(start, owner + "." + (total ? SnapshotFormat.F_VALUES : SnapshotFormat.F_TOTAL), "missing");
        }
        final int kept = bucket.samples.length;
        if (bucket.samplesTotal < 0 || (kept != 0 && kept != bucket.samplesTotal) ||
            bucket.samplesTotal > HistogramSpec.MAX_EXACT_SAMPLES && kept != 0)
        {
            throw problemAt(start, owner, "total " + bucket.samplesTotal + " with " + kept +
                " values: a bucket keeps all its values (at most " + HistogramSpec.MAX_EXACT_SAMPLES + ") or none");
        }
        bucket.hasSamples = true;
        path = owner;
    }

    private long[] readValues() throws IOException
    {
        expect(JsonToken.START_ARRAY, "an array");
        final String owner = path;
        final LongArrayList values = new LongArrayList();
        while (p.nextToken() != JsonToken.END_ARRAY)
        {
            path = owner + "[" + values.size() + "]";
            values.addLong(integer());
        }
        path = owner;
        return values.toLongArray();
    }

    /** @return the location of the current token, which must be {@code token}. */
    private JsonLocation expect(final JsonToken token, final String description)
    {
        if (p.currentToken() != token)
        {
            throw problem(path, "expected " + description + ", found " + describe(p.currentToken()));
        }
        return p.currentTokenLocation();
    }

    private String string() throws IOException
    {
        if (p.currentToken() != JsonToken.VALUE_STRING)
        {
            throw problem(path, "expected a string, found " + describe(p.currentToken()));
        }
        return p.getText();
    }

    private long integer() throws IOException
    {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT)
        {
            throw problem(path, "expected an integer, found " + describe(p.currentToken()));
        }
        final JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG)
        {
            throw problem(path, "out of range for a 64-bit integer: " + p.getText());
        }
        return p.getLongValue();
    }

    private double number() throws IOException
    {
        final JsonToken token = p.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT)
        {
            throw problem(path, "expected a number, found " + describe(token));
        }
        return p.getDoubleValue();
    }

    private SnapshotException problem(final String field, final String problem)
    {
        return problemAt(p.currentTokenLocation(), field, problem);
    }

    private SnapshotException problemAt(final JsonLocation at, final String field, final String problem)
    {
        final int line = at == null ? 0 : Math.max(0, at.getLineNr());
        final int column = at == null ? 0 : Math.max(0, at.getColumnNr());
        return new SnapshotException(file, line, column, field, problem);
    }

    private static String describe(final JsonToken token)
    {
        if (token == null)
        {
            return "the end of the file";
        }
        return switch (token)
        {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    private static String typeName(final MetricDefinition metric)
    {
        return metric.type().name().toLowerCase(Locale.ROOT);
    }

    /** @return a series key with its label separators (0x1F) shown as commas. */
    static String printable(final String key)
    {
        return key.replace('\u001F', ',');
    }
}
