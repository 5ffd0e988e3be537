package dev.bridge.analytics.snapshot;

/**
 * The snapshot file: UTF-8 JSON, one series per line and one bucket per line after the header. Constants only;
 * thread-safe.
 * <pre>
 * {"format":"bridge-analytics-snapshot","version":1,"created_ms":1700000000000,
 *  "range":{"start_ms":1699999200000,"end_ms":1700000060000},"resolutions_ms":[1000,60000,3600000],"series":[
 * {"key":"read_latency_us","metric":"read_latency_us","labels":{},"buckets":[
 * {"resolution":0,"start_sec":1699999999,"count":2,"sum":30,"min":10,"max":20,"sum_squares":500.0,"last":20,
 *  "histogram":"HIST...base64...","samples":{"total":2,"values":[10,20]}},
 * ...]},
 * ...]}
 * </pre>
 * <ul>
 *   <li>{@code key}: the series key as stored (metric, then {@code US name=value} per declared label, US = 0x1F);
 *       series of several files are matched by it. {@code metric} and {@code labels} must agree with it.</li>
 *   <li>{@code resolution}: index into {@code resolutions_ms} (0 = raw); {@code start_sec}: the bucket start, epoch
 *       seconds, a multiple of the resolution's width.</li>
 *   <li>{@code count}, {@code sum}, {@code min}, {@code max}, {@code sum_squares}, {@code last}: the stored aggregate
 *       (min and max mean nothing when count is 0).</li>
 *   <li>{@code histogram} (histogram metrics only): base64 of the stored HdrHistogram V2 encoding (uncompressed), as
 *       stored.</li>
 *   <li>{@code samples} (raw buckets of histogram metrics that keep exact samples): the number of values the bucket
 *       saw and the values kept: all of them, or none when the bucket saw more than its window.</li>
 * </ul>
 * Every stored bucket of every resolution that overlaps the range is written, so that a query over a merge selects
 * the resolution one engine would. Fields not listed are ignored when read (later minor additions).
 */
public final class SnapshotFormat
{
    /** Value of {@code format}. */
    public static final String FORMAT = "bridge-analytics-snapshot";
    /** Value of {@code version} written, and the only one read. */
    public static final int VERSION = 1;

    static final String F_FORMAT = "format";
    static final String F_VERSION = "version";
    static final String F_CREATED_MS = "created_ms";
    static final String F_RANGE = "range";
    static final String F_START_MS = "start_ms";
    static final String F_END_MS = "end_ms";
    static final String F_RESOLUTIONS_MS = "resolutions_ms";
    static final String F_SERIES = "series";
    static final String F_KEY = "key";
    static final String F_METRIC = "metric";
    static final String F_LABELS = "labels";
    static final String F_BUCKETS = "buckets";
    static final String F_RESOLUTION = "resolution";
    static final String F_START_SEC = "start_sec";
    static final String F_COUNT = "count";
    static final String F_SUM = "sum";
    static final String F_MIN = "min";
    static final String F_MAX = "max";
    static final String F_SUM_SQUARES = "sum_squares";
    static final String F_LAST = "last";
    static final String F_HISTOGRAM = "histogram";
    static final String F_SAMPLES = "samples";
    static final String F_TOTAL = "total";
    static final String F_VALUES = "values";

    private SnapshotFormat()
    {
    }
}
