package dev.bridge.analytics.bench.jmh;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times single calls of one {@link RecordTarget} on the calling thread: {@code System.nanoTime()} before and after
 * each call, minus the median cost of a back-to-back nanoTime pair, into an HdrHistogram (ns). The same timed loop
 * runs once to warm up (discarded) and once to measure. Writes {@code <stem>.hgrm} (HdrHistogram's percentile
 * distribution, plus one {@code #[RecordCost ...]} line of metadata that plotters ignore).
 * <p>
 * One target per JVM (the chart runs one process per target), so the call site stays monomorphic and no other
 * library's threads run meanwhile. Not thread-safe: single use, one thread.
 */
public final class RecordCostSampler
{
    /** Largest call cost kept, ns (10 s); longer stalls are clamped. */
    static final long HIGHEST_NS = 10_000_000_000L;
    private static final int TIMER_PAIRS = 1_000_000;

    private RecordCostSampler()
    {
    }

    /**
     * @param target       what to time.
     * @param waitStrategy the consumer's wait strategy (engine and raw ring).
     * @param warmUpCalls  calls of the discarded warm-up pass.
     * @param calls        calls of the measured pass.
     * @param outDir       where {@code <stem>.hgrm} goes.
     * @return the measured histogram (ns per call).
     */
    public static Histogram run(
        final RecordTarget target, final String waitStrategy, final int warmUpCalls, final int calls, final Path outDir)
        throws IOException
    {
        final long[] values = LatencyValues.generate();
        final Histogram measured = new Histogram(HIGHEST_NS, 3);
        final long overheadNs;
        try (RecordPath path = target.open(waitStrategy))
        {
            timeCalls(path, values, warmUpCalls, 0L, new Histogram(HIGHEST_NS, 3));
            overheadNs = timerOverheadNs();
            timeCalls(path, values, calls, overheadNs, measured);
        }
        Files.createDirectories(outDir);
        try (PrintStream out = new PrintStream(
            Files.newOutputStream(outDir.resolve(target.fileStem() + ".hgrm")), false, StandardCharsets.UTF_8))
        {
            measured.outputPercentileDistribution(out, 5, 1.0);
            out.printf(Locale.ROOT,
                "#[RecordCost target=%s overheadNs=%d calls=%d p50=%d p90=%d p99=%d p999=%d p9999=%d max=%d mean=%.1f]%n",
                target.name(), overheadNs, calls, measured.getValueAtPercentile(50), measured.getValueAtPercentile(90),
                measured.getValueAtPercentile(99), measured.getValueAtPercentile(99.9),
                measured.getValueAtPercentile(99.99), measured.getMaxValue(), measured.getMean());
        }
        return measured;
    }

    /** Times {@code calls} single calls into {@code histogram}, each minus {@code overheadNs} (floored at 0). */
    private static void timeCalls(
        final RecordPath path, final long[] values, final int calls, final long overheadNs, final Histogram histogram)
    {
        for (int i = 0; i < calls; i++)
        {
            final long value = values[i & LatencyValues.MASK];
            final long start = System.nanoTime();
            path.record(value);
            final long ns = System.nanoTime() - start - overheadNs;
            histogram.recordValue(Math.max(0L, Math.min(HIGHEST_NS, ns)));
        }
    }

    /** @return the median ns between two back-to-back {@code nanoTime()} reads on this thread. */
    static long timerOverheadNs()
    {
        final Histogram pairs = new Histogram(1_000_000L, 3);
        for (int i = 0; i < TIMER_PAIRS; i++)
        {
            final long start = System.nanoTime();
            final long ns = System.nanoTime() - start;
            pairs.recordValue(Math.min(ns, 1_000_000L));
        }
        return pairs.getValueAtPercentile(50);
    }
}
