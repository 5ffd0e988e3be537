package dev.bridge.analytics.bench.jmh;

import java.util.ArrayList;
import java.util.List;

/**
 * The recording-path goals of the JMH suite, checked against one run: ratios of our unlabelled handle to a peer
 * (same operation, threads and wait strategy) and zero allocation on every pre-resolved path. Renders a markdown
 * table with the measured numbers and a met/missed verdict per row. Stateless, thread-safe.
 */
final class Goals
{
    /** Below this many bytes per call counts as 0 B/op: an allocation per call is at least 16 B. */
    static final double ZERO_ALLOC_BELOW = 0.5;

    /**
     * One ratio goal: ours / peer <= {@code maxRatio} for every run of {@code operation}.
     *
     * @param text      what the goal says.
     * @param operation e.g. {@code histogram record}.
     * @param peer      the peer's benchmark method.
     * @param maxRatio  the largest acceptable ours/peer.
     */
    record RatioGoal(String text, String operation, String peer, double maxRatio)
    {
    }

    static final List<RatioGoal> RATIO_GOALS = List.of(
        new RatioGoal("histogram record <= 1.0x Prometheus observe", "histogram record", "prometheus", 1.0),
        new RatioGoal("histogram record <= 0.5x Micrometer Timer", "histogram record", "micrometer", 0.5),
        new RatioGoal("counter increment <= 1.2x Prometheus Counter.inc", "counter increment", "prometheus", 1.2),
        new RatioGoal("histogram record <= 3x raw HdrHistogram recordValue", "histogram record", "hdrHistogram", 3.0));

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
                    !goal.operation().equals(Implementations.operation(peer.className())))
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
                        .append(" | ").append(ratio <= goal.maxRatio() ? "met" : "**missed**")
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
            .append(worst.allocNorm() < ZERO_ALLOC_BELOW ? "met" : "**missed**").append(" |\n");
    }
}
