package dev.bridge.analytics.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The range of every numeric and duration setting of the YAML file, in one table ({@link #ALL}, documented in
 * {@code docs/configuration.md}), and the checks the validators make with it: a value outside its range is a
 * {@link ConfigException} at the value ({@code file:line:column: field: name must be in min..max, was value}),
 * before any record is built or anything is allocated. Relations between settings (multiples, min_backoff &lt;=
 * max_backoff, buckets per series against {@code store_entries}) are checked by the validators and records.
 * Stateless; thread-safe.
 */
public final class ConfigRanges
{
    /** The longest retention or window any setting may ask for: 10 years. */
    public static final Duration MAX_RETENTION = Duration.ofDays(3650);
    /**
     * Heap bytes one ring slot costs: the reference (4) and the preallocated event (12 header + int, int, long, long,
     * long = 48 with compressed pointers).
     */
    static final long RING_SLOT_BYTES = 52;
    /** File bytes one aggregate entry costs in aggregates.dat, allocated up front (measured: 39 MB for 600,000). */
    static final long STORE_ENTRY_BYTES = 65;
    /**
     * File bytes per store entry that the histogram map adds at most (every series a histogram: laid out for a quarter
     * of the entries at 1 KB each); a catalog with fewer histogram series gets a smaller map.
     */
    static final long HISTOGRAM_ENTRY_BYTES_MAX = 256;

    private static final long MS = 1;
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long RETENTION = MAX_RETENTION.toMillis();

    /** Every range, in the order of the documentation. */
    public static final List<SettingRange> ALL = List.of(
        integer("engine.ring_size", 64, 1 << 22, true, "65536",
            "heap: " + RING_SLOT_BYTES + " B per slot (65536: 3 MB; 4194304: 208 MB); the shared ring of threads beyond " +
                "max_producer_threads",
            v -> "a ring of " + v + " slots takes about " + bytes(times(v, RING_SLOT_BYTES)) + " of heap"),
        integer("engine.producer_ring_size", 64, 1 << 20, true, "4096",
            "heap: " + RING_SLOT_BYTES + " B per slot per recording thread, allocated on its first record " +
                "(4096 x 64 threads: 13 MB)",
            v -> "a per-thread ring of " + v + " slots takes about " + bytes(times(v, RING_SLOT_BYTES)) + " of heap"),
        integer("engine.max_producer_threads", 1, 4096, false, "64",
            "at most this many per-thread rings (producer_ring_size x " + RING_SLOT_BYTES + " B each); further " +
                "threads share the ring of ring_size"),
        integer("engine.label_cardinality_limit", 1, EngineSettings.MAX_SERIES, false, "1000",
            "series per metric before new label sets go to the overflow series"),
        integer("engine.max_series", 1, EngineSettings.MAX_SERIES, false, "16384",
            "sizes the handler's per-series arrays, series.dat and totals.dat (about 70 B per series: 1.1 MB at the " +
                "default) and the writer's copy of the totals (64 B of heap per series: 1 MB), allocated up front"),
        integer("engine.store_entries", 1, 100_000_000, false, "600000",
            "disk, allocated up front: aggregates.dat about " + STORE_ENTRY_BYTES + " B per entry (600000: 39 MB), plus " +
                "a histogram map sized from the catalog's histogram series, at most " + HISTOGRAM_ENTRY_BYTES_MAX +
                " B per entry",
            v -> "the store files would take up to " + bytes(times(v, STORE_ENTRY_BYTES + HISTOGRAM_ENTRY_BYTES_MAX)) +
                ", allocated up front"),
        integer("engine.max_query_points", 1, 1_000_000, false, "10000",
            "heap of one time-series answer; larger requests are refused"),
        duration("engine.raw_resolution", SECOND, HOUR, "1s", "whole seconds; buckets per series = raw_retention / raw_resolution"),
        duration("engine.aggregation_interval", SECOND, DAY, "60s", "whole seconds, a multiple of raw_resolution"),
        duration("engine.long_term_interval", SECOND, 7 * DAY, "1h", "whole seconds, a multiple of aggregation_interval"),
        duration("engine.raw_retention", SECOND, RETENTION, "1h",
            ">= raw_resolution; raw_retention / raw_resolution buckets per series must fit in store_entries"),
        duration("engine.retention_period", SECOND, RETENTION, "24h",
            ">= aggregation_interval; its buckets per series must fit in store_entries"),
        duration("engine.long_term_retention", SECOND, RETENTION, "30d",
            ">= long_term_interval; its buckets per series must fit in store_entries"),
        duration("engine.commit_interval", MS, HOUR, "100ms", "bounds what a kill -9 loses; shorter costs more store writes"),
        duration("engine.tick_interval", MS, HOUR, "50ms", "consumer wake-ups when idle; shorter costs CPU"),
        duration("engine.resource_sampling_interval", 0, HOUR, "1s", "0 turns sampling off"),
        integer("http.port", 0, 65535, false, "9464", "0 picks a free port"),
        integer("http.max_request_bytes", HttpSettings.MIN_REQUEST_BYTES, HttpSettings.MAX_REQUEST_BYTES, false, "8192",
            "longest request URI; the request line and headers may take this + 8192 bytes"),
        integer("http.max_connections", 1, 65536, false, "256", "open connections; further ones wait in the accept backlog"),
        duration("http.idle_timeout", 100 * MS, HOUR, "30s", "a silent connection is closed; also the longest wait for a heavy-request slot"),
        duration("http.read_timeout", 100 * MS, HOUR, "10s", "a request's line and headers must arrive within this"),
        integer("http.max_concurrent_heavy_requests", 1, 256, false, "4",
            "heap: about this many export bodies at once (/metrics, /api/export, /api/dashboard, /api/query)"),
        integer("http.max_queued_heavy_requests", 0, 65536, false, "64", "heavy requests waiting (no thread held) for a slot"),
        integer("statsd.port", 0, 65535, false, "8125", "0 picks a free port"),
        integer("statsd.receive_buffer_bytes", 4096, 1 << 28, false, "8388608",
            "kernel memory (capped by net.core.rmem_max)"),
        integer("statsd.max_datagram_bytes", 512, StatsdListenerSettings.MAX_UDP_PAYLOAD, false, "8192",
            "one direct buffer of this size"),
        integer("statsd.name_cache_entries", 16, 1 << 24, false, "65536", "heap: one entry per distinct (name, type, tags) key"),
        integer("export.statsd.port", 1, 65535, false, "8125", ""),
        duration("export.statsd.interval", SECOND, DAY, "10s", "one push of every series per interval"),
        integer("export.statsd.max_packet_bytes", 64, 65507, false, "1432", ""),
        duration("export.remote_write.interval", SECOND, DAY, "15s", "whole seconds, a multiple of raw_resolution"),
        duration("export.remote_write.timeout", MS, 10 * MINUTE, "10s", ""),
        integer("export.remote_write.max_samples_per_send", 1, 1_000_000, false, "5000", "heap of one request"),
        duration("export.remote_write.min_backoff", MS, HOUR, "500ms", ""),
        duration("export.remote_write.max_backoff", MS, HOUR, "30s", ">= min_backoff"),
        duration("export.remote_write.close_timeout", MS, 10 * MINUTE, "10s", "how long close() waits for the last send"),
        duration("alerts.evaluation_interval", 100 * MS, DAY, "15s", "one evaluation of every rule per interval"),
        duration("alerts.rules[].for", 0, 30 * DAY, "0", ""),
        duration("alerts.rules[].keep_firing_for", 0, 30 * DAY, "0", ""),
        duration("alerts.rules[].expr.window", SECOND, RETENTION, "5m", "the data read per evaluation"),
        duration("alerts.route.group_wait", 0, DAY, "30s", ""),
        duration("alerts.route.group_interval", SECOND, DAY, "5m", ""),
        duration("alerts.route.repeat_interval", SECOND, 30 * DAY, "4h", ""),
        duration("alerts.route.receivers[].timeout", MS, 10 * MINUTE, "10s", ""),
        integer("alerts.route.receivers[].retries", 0, 20, false, "3", ""),
        duration("alerts.route.receivers[].retry_backoff", MS, HOUR, "1s", ""),
        integer("alerts.route.receivers[].queue_capacity", 1, 1_000_000, false, "1000", "heap: queued notifications"),
        duration("alerts.silences[].duration", SECOND, RETENTION, "", "a silence has ends_at or duration"),
        integer("metrics.*.histogram.lowest", 1, Long.MAX_VALUE / 4, false, "", "required: smallest value told apart from 0"),
        integer("metrics.*.histogram.highest", 2, Long.MAX_VALUE / 2, false, "",
            "required, >= 2 * lowest; with significant_digits, the histogram's size (at most " +
                bytes(HistogramSpec.MAX_FOOTPRINT_BYTES) + ")"),
        integer("metrics.*.histogram.significant_digits", 0, 5, false, "", "required: precision; each digit costs ~10x memory"),
        integer("metrics.*.histogram.exact_samples", 0, HistogramSpec.MAX_EXACT_SAMPLES, false, "0",
            "raw values kept per raw bucket"));

    private static final Map<String, SettingRange> BY_KEY = index();

    private ConfigRanges()
    {
    }

    /** @return the range of the setting at {@code path} ({@code alerts.rules[2].for}, {@code metrics.x.histogram.lowest}). */
    public static Optional<SettingRange> of(final String path)
    {
        return Optional.ofNullable(BY_KEY.get(template(path)));
    }

    /**
     * @return {@code value} when it is null (not in the file) or in the range of {@code path}.
     * @throws ConfigException at the value otherwise.
     */
    static <T extends Number> T check(final YamlPositions at, final String path, final T value) throws ConfigException
    {
        if (value != null)
        {
            final String problem = range(path).problem(value.longValue());
            if (problem != null)
            {
                throw at.errorAtValue(path, problem);
            }
        }
        return value;
    }

    /**
     * @return {@code value} when it is null (not in the file) or in the range of {@code path}.
     * @throws ConfigException at the value otherwise.
     */
    static Duration check(final YamlPositions at, final String path, final Duration value) throws ConfigException
    {
        if (value != null)
        {
            final String problem = range(path).problem(value);
            if (problem != null)
            {
                throw at.errorAtValue(path, problem);
            }
        }
        return value;
    }

    /**
     * For records built from Java: the same ranges as the file.
     *
     * @throws InvalidSettingException naming the key when {@code value} is out of the range of {@code key}.
     */
    static void require(final String key, final long value)
    {
        final String problem = range(key).problem(value);
        if (problem != null)
        {
            throw new InvalidSettingException(problem, range(key).name());
        }
    }

    /** @throws InvalidSettingException naming the key when {@code value} is out of the range of {@code key}. */
    static void require(final String key, final Duration value)
    {
        final String problem = range(key).problem(Objects.requireNonNull(value, range(key).name()));
        if (problem != null)
        {
            throw new InvalidSettingException(problem, range(key).name());
        }
    }

    /** @return the table of {@code docs/configuration.md}: key, default, range, what it costs; one row per range. */
    public static String markdownTable()
    {
        final StringBuilder sb = new StringBuilder("| key | default | range | what it costs |\n|---|---|---|---|\n");
        for (final SettingRange r : ALL)
        {
            sb.append("| `").append(r.key()).append("` | ")
                .append(r.defaultValue().isEmpty() ? "—" : "`" + r.defaultValue() + "`").append(" | ")
                .append(r.powerOfTwo() ? "power of two, " : "").append(r.spelling()).append(" | ")
                .append(r.cost().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    /** @return {@code metrics.*.histogram.lowest} for {@code metrics.x.histogram.lowest}, {@code a[]} for {@code a[3]}. */
    static String template(final String path)
    {
        final String indexless = path.replaceAll("\\[\\d+]", "[]");
        return indexless.startsWith("metrics.") && indexless.indexOf('.', "metrics.".length()) > 0 ?
            "metrics.*" + indexless.substring(indexless.indexOf('.', "metrics.".length())) : indexless;
    }

    /** @return {@code bytes} as the documentation spells sizes (binary units, rounded down): 185 MB, 27 GB, 512 kB. */
    static String bytes(final long bytes)
    {
        if (bytes >= 10L << 30 || bytes < 0)
        {
            return bytes < 0 ? "more than 9 EB" : (bytes >> 30) + " GB";
        }
        if (bytes >= 1L << 20)
        {
            return (bytes >> 20) + " MB";
        }
        return bytes >= 10L << 10 ? (bytes >> 10) + " kB" : bytes + " B";
    }

    /** @return {@code count * unitBytes}, or -1 when it exceeds a long (or count is negative). */
    private static long times(final long count, final long unitBytes)
    {
        return count < 0 || count > Long.MAX_VALUE / unitBytes ? -1 : count * unitBytes;
    }

    private static SettingRange range(final String path)
    {
        final SettingRange range = BY_KEY.get(template(path));
        if (range == null)
        {
            throw new IllegalStateException("no range declared for " + path + " (" + template(path) + ")");
        }
        return range;
    }

    private static SettingRange integer(
        final String key, final long min, final long max, final boolean powerOfTwo, final String defaultValue,
        final String cost)
    {
        return new SettingRange(key, false, min, max, powerOfTwo, defaultValue, cost, null);
    }

    private static SettingRange integer(
        final String key, final long min, final long max, final boolean powerOfTwo, final String defaultValue,
        final String cost, final LongFunction<String> costOf)
    {
        return new SettingRange(key, false, min, max, powerOfTwo, defaultValue, cost, costOf);
    }

    private static SettingRange duration(
        final String key, final long minMs, final long maxMs, final String defaultValue, final String cost)
    {
        return new SettingRange(key, true, minMs, maxMs, false, defaultValue, cost, null);
    }

    private static Map<String, SettingRange> index()
    {
        final Map<String, SettingRange> byKey = new LinkedHashMap<>();
        for (final SettingRange r : ALL)
        {
            if (byKey.put(r.key(), r) != null)
            {
                throw new IllegalStateException("two ranges for " + r.key());
            }
        }
        return byKey;
    }
}
