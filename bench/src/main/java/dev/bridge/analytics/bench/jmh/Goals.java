package dev.bridge.analytics.bench.jmh;

import java.util.ArrayList;
import java.util.List;

/**
 * The recording-path goals of the JMH suite, checked against one run: ratios of our unlabelled handle to a peer
 * (same operation, threads and wait strategy; the targets of issue 14 per thread count) and zero allocation on every
 * pre-resolved path. Renders a markdown
 * table with the measured numbers and a met/missed verdict per row. Stateless, thread-safe.
 */
final class Goals
{
    /** Below this many bytes per call counts as 0 B/op: an allocation per call is at least 16 B. */
    static final double ZERO_ALLOC_BELOW = 0.5;

    /** {@link RatioGoal#threads()} of a goal that holds at every thread count. */
    static final int ANY_THREADS = 0;

    /**
     * One ratio goal: ours / peer <= {@code maxRatio} for every run of {@code operation} (one series per operation:
     * the two-series classes are operations of their own) at {@code threads}.
     *
     * @param operation e.g. {@code histogram record}.
     * @param threads   the benchmark threads it applies to, or {@link #ANY_THREADS}.
     * @param peer      the peer's benchmark method.
     * @param maxRatio  the largest acceptable ours/peer.
     */
    record RatioGoal(String operation, int threads, String peer, double maxRatio)
    {
        /** @return e.g. {@code <= 0.6x Prometheus}. */
        String shortText()
        {
            return "<= " + ResultsTable.format("%.1f", maxRatio) + "x " + Implementations.peerShortName(peer);
        }

        /** @return e.g. {@code histogram record, 2 threads on one series <= 0.5x Prometheus}. */
        String text()
        {
            final String where = threads == ANY_THREADS ? "" :
                threads == 1 ? ", 1 thread" : ", " + threads + " threads on one series";
            return operation + where + " " + shortText();
        }

        /** @return true if the goal judges a result of that operation and thread count. */
        boolean appliesTo(final String resultOperation, final int resultThreads)
        {
            return operation.equals(resultOperation) && (threads == ANY_THREADS || threads == resultThreads);
        }
    }

    /**
     * The targets of issue 14 (ratios to Prometheus client_java per thread count, measured in one run), then the
     * earlier goals that it does not replace (histogram against Micrometer's Timer and raw HdrHistogram).
     */
    static final List<RatioGoal> RATIO_GOALS = List.of(
        new RatioGoal("counter increment", 1, "prometheus", 1.0),
        new RatioGoal("counter increment", 2, "prometheus", 1.5),
        new RatioGoal("counter increment", 4, "prometheus", 2.0),
        new RatioGoal("histogram record", 1, "prometheus", 0.6),
        new RatioGoal("histogram record", 2, "prometheus", 0.5),
        new RatioGoal("gauge set", 1, "prometheus", 1.0),
        new RatioGoal("histogram record", ANY_THREADS, "micrometer", 0.5),
        new RatioGoal("histogram record", ANY_THREADS, "hdrHistogram", 3.0));

    private Goals()
    {
    }

    /** @return the goals table for the run (rows only where both sides were measured). */
    static String table(final JmhRun run)
    {
        final List<JmhResult> rows = new ArrayList<>(run.results());
        rows.sort(Implementations::compare);
        final StringBuilder out = new StringBuilder();
        out.append("| goal | threads | wait strategy | ours ns/op | peer ns/op | ours/peer | verdict |\n");
        out.append("|---|---:|---|---:|---:|---:|---|\n");
        for (final RatioGoal goal : RATIO_GOALS)
        {
            for (final JmhResult peer : rows)
            {
                if (!goal.peer().equals(peer.method()) ||
                    !goal.appliesTo(Implementations.operation(peer.className()), peer.threads()))
                {
                    continue;
                }
                for (final String strategy : ResultsTable.oursWaitStrategies(rows))
                {
                    final JmhResult ours = ResultsTable.ours(rows, peer, strategy);
                    if (ours == null)
                    {
                        continue;
                    }
                    final double ratio = ours.score() / peer.score();
                    out.append("| ").append(goal.text())
                        .append(" | ").append(peer.threads())
                        .append(" | ").append(strategy)
                        .append(" | ").append(ResultsTable.format("%.1f", ours.score()))
                        .append(" | ").append(ResultsTable.format("%.1f", peer.score()))
                        .append(" | ").append(ResultsTable.format("%.2f", ratio))
                        .append(" | ").append(verdict(met(goal, ratio)))
                        .append(" |\n");
                }
            }
        }
        appendAllocationGoal(rows, out);
        return out.toString();
    }

    private static void appendAllocationGoal(final List<JmhResult> rows, final StringBuilder out)
    {
        JmhResult worst = null;
        int measured = 0;
        for (final JmhResult r : rows)
        {
            if (Implementations.isOurs(r.method()) && !Double.isNaN(r.allocNorm()))
            {
                measured++;
                if (worst == null || r.allocNorm() > worst.allocNorm())
                {
                    worst = r;
                }
            }
        }
        if (worst == null)
        {
            return;
        }
        out.append("| 0 B/op on every pre-resolved record path (").append(measured).append(" benchmarks; largest: ")
            .append(Implementations.operation(worst.className())).append(", ").append(worst.threads())
            .append(" thread(s), ").append(worst.method()).append(") | all | all | ")
            .append(ResultsTable.format("%.3f", worst.allocNorm())).append(" B/op | — | — | ")
            .append(verdict(isZeroAlloc(worst.allocNorm()))).append(" |\n");
    }

    /** @return true if ours/peer meets the goal. */
    static boolean met(final RatioGoal goal, final double ratio)
    {
        return ratio <= goal.maxRatio();
    }

    /** @return true if {@code bytesPerOp} (not NaN) counts as no allocation. */
    static boolean isZeroAlloc(final double bytesPerOp)
    {
        return bytesPerOp < ZERO_ALLOC_BELOW;
    }

    /** @return {@code met} or {@code **missed**}. */
    static String verdict(final boolean met)
    {
        return met ? "met" : "**missed**";
    }
}
