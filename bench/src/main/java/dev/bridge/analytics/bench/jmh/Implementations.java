package dev.bridge.analytics.bench.jmh;

import java.util.List;
import java.util.Map;

/**
 * How the results table names and orders benchmarks: the operation a class measures, a readable name for each
 * benchmark method, and a stable row order (ours first, then the peers from the most to the least featureful,
 * then the raw baselines). Stateless, thread-safe.
 */
final class Implementations
{
    /** Method of our unlabelled handle: the reference of every ratio. */
    static final String OURS = "engine";
    /** Method of our labelled handle. */
    static final String OURS_LABELLED = "engineLabelled";
    /** The peers' versions, as in bench/pom.xml. */
    static final String VERSIONS = "Prometheus client_java 1.10.0, Micrometer 1.17.2 (PrometheusMeterRegistry), " +
        "OpenTelemetry SDK 1.68.0, HdrHistogram 2.2.2, LMAX Disruptor 4.0.0";

    /** Suffix of the operation of a class whose threads each record into a series of their own. */
    static final String TWO_SERIES = " two series";
    /** The peers of the issue 14 matrix (benchmark methods), in column order. */
    static final List<String> MATRIX_PEERS = List.of("prometheus", "openTelemetry", "micrometer");

    private static final List<String> CLASS_ORDER = List.of(
        "HistogramRecordBenchmark", "HistogramRecordTwoThreadsBenchmark", "HistogramRecordFourThreadsBenchmark",
        "HistogramRecordTwoSeriesBenchmark",
        "CounterIncrementBenchmark", "CounterIncrementTwoThreadsBenchmark", "CounterIncrementFourThreadsBenchmark",
        "CounterIncrementTwoSeriesBenchmark",
        "GaugeSetBenchmark", "GaugeSetTwoThreadsBenchmark", "GaugeSetFourThreadsBenchmark", "GaugeSetTwoSeriesBenchmark");
    private static final List<String> METHOD_ORDER = List.of(
        OURS, OURS_LABELLED, "prometheus", "micrometer", "openTelemetry", "hdrHistogram", "hdrRecorder",
        "disruptor", "disruptorSingleProducer");
    private static final Map<String, String> PEER_SHORT_NAMES = Map.of(
        "prometheus", "Prometheus", "openTelemetry", "OpenTelemetry", "micrometer", "Micrometer",
        "hdrHistogram", "raw HdrHistogram", "hdrRecorder", "HdrHistogram Recorder");
    private static final Map<String, String> NAMES = Map.ofEntries(
        Map.entry(OURS, "**ours**"),
        Map.entry(OURS_LABELLED, "ours, labelled"),
        Map.entry("histogram record/prometheus", "Prometheus classic Histogram.observe"),
        Map.entry("counter increment/prometheus", "Prometheus Counter.inc"),
        Map.entry("gauge set/prometheus", "Prometheus Gauge.set"),
        Map.entry("histogram record/micrometer", "Micrometer Timer.record, percentile histogram"),
        Map.entry("counter increment/micrometer", "Micrometer Counter.increment"),
        Map.entry("histogram record/openTelemetry", "OpenTelemetry LongHistogram.record"),
        Map.entry("counter increment/openTelemetry", "OpenTelemetry LongCounter.add"),
        Map.entry("gauge set/micrometer", "Micrometer gauge on an AtomicLong, AtomicLong.set"),
        Map.entry("gauge set/openTelemetry", "OpenTelemetry LongGauge.set"),
        Map.entry("hdrHistogram", "HdrHistogram Histogram.recordValue"),
        Map.entry("hdrRecorder", "HdrHistogram Recorder.recordValue"),
        Map.entry("disruptor", "Disruptor publish, multi-producer, no-op handler"),
        Map.entry("disruptorSingleProducer", "Disruptor publish, single producer, no-op handler"));

    private Implementations()
    {
    }

    /**
     * @return the operation a benchmark class measures: {@code HistogramRecordTwoThreadsBenchmark} and
     *         {@code ...FourThreadsBenchmark} -> {@code histogram record}; {@code CounterIncrementTwoSeriesBenchmark}
     *         -> {@code counter increment two series}.
     */
    static String operation(final String className)
    {
        final String stem = className.replaceFirst("Benchmark$", "").replaceFirst("(Two|Four)Threads$", "");
        final StringBuilder words = new StringBuilder();
        for (int i = 0; i < stem.length(); i++)
        {
            final char c = stem.charAt(i);
            if (Character.isUpperCase(c) && i > 0)
            {
                words.append(' ');
            }
            words.append(Character.toLowerCase(c));
        }
        return words.toString();
    }

    /** @return the operation without {@link #TWO_SERIES}: {@code counter increment two series} -> {@code counter increment}. */
    static String family(final String operation)
    {
        return operation.endsWith(TWO_SERIES) ? operation.substring(0, operation.length() - TWO_SERIES.length()) : operation;
    }

    /** @return 2 for an operation whose threads each record into a series of their own, else 1. */
    static int series(final String operation)
    {
        return operation.endsWith(TWO_SERIES) ? 2 : 1;
    }

    /** @return the readable name of a benchmark method of an operation (the method name when unknown). */
    static String name(final String operation, final String method)
    {
        final String specific = NAMES.get(family(operation) + "/" + method);
        return specific != null ? specific : NAMES.getOrDefault(method, method);
    }

    /** @return the library of a peer's benchmark method, e.g. {@code Prometheus} (the method name when unknown). */
    static String peerShortName(final String method)
    {
        return PEER_SHORT_NAMES.getOrDefault(method, method);
    }

    /** @return true for our own benchmarks. */
    static boolean isOurs(final String method)
    {
        return OURS.equals(method) || OURS_LABELLED.equals(method);
    }

    /** Orders results: by class (known order first), threads, method (known order first), then parameters. */
    static int compare(final JmhResult a, final JmhResult b)
    {
        int c = Integer.compare(rank(CLASS_ORDER, a.className()), rank(CLASS_ORDER, b.className()));
        if (c == 0)
        {
            c = a.className().compareTo(b.className());
        }
        if (c == 0)
        {
            c = Integer.compare(a.threads(), b.threads());
        }
        if (c == 0)
        {
            c = Integer.compare(rank(METHOD_ORDER, a.method()), rank(METHOD_ORDER, b.method()));
        }
        if (c == 0)
        {
            c = a.method().compareTo(b.method());
        }
        return c != 0 ? c : a.paramsText().compareTo(b.paramsText());
    }

    private static int rank(final List<String> order, final String name)
    {
        final int i = order.indexOf(name);
        return i < 0 ? order.size() : i;
    }
}
