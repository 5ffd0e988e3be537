package dev.bridge.analytics.bench.jmh;

import java.util.ArrayList;
import java.util.List;

/**
 * The issue 14 matrix of a run as one markdown table: a row per operation (counter increment, gauge set, histogram
 * record), thread count, series layout (every thread on one series, or each thread on its own) and wait strategy
 * of our unlabelled handle, with our ns/op, each peer's ns/op and ours/peer (Prometheus client_java,
 * OpenTelemetry, Micrometer; below 1 ours is faster), our B/op, the {@link Goals} that apply to the row and the
 * verdict. A peer that was not measured shows an em dash. Stateless, thread-safe.
 */
final class MatrixTable
{
    private MatrixTable()
    {
    }

    /** @return the table, or an empty string when the run holds no result of our unlabelled handle. */
    static String table(final JmhRun run)
    {
        final List<JmhResult> rows = new ArrayList<>(run.results());
        rows.sort(Implementations::compare);
        final StringBuilder out = new StringBuilder();
        for (final JmhResult ours : rows)
        {
            if (Implementations.OURS.equals(ours.method()))
            {
                appendRow(rows, ours, out);
            }
        }
        return out.length() == 0 ? "" : header() + out;
    }

    private static String header()
    {
        final StringBuilder out = new StringBuilder("| operation | threads | series | wait strategy | ours ns/op |");
        for (final String peer : Implementations.MATRIX_PEERS)
        {
            final String name = Implementations.peerShortName(peer);
            out.append(' ').append(name).append(" ns/op | ours/").append(name).append(" |");
        }
        out.append(" ours B/op | goals | verdict |\n|---|---:|---|---|---:|");
        Implementations.MATRIX_PEERS.forEach(p -> out.append("---:|---:|"));
        return out.append("---:|---|---|\n").toString();
    }

    private static void appendRow(final List<JmhResult> rows, final JmhResult ours, final StringBuilder out)
    {
        final String operation = Implementations.operation(ours.className());
        final String strategy = ours.params().getOrDefault(ResultsTable.WAIT_STRATEGY, "");
        out.append("| ").append(Implementations.family(operation))
            .append(" | ").append(ours.threads())
            .append(" | ").append(Implementations.series(operation) == 1 ? "one" : "one per thread")
            .append(" | ").append(strategy)
            .append(" | ").append(ResultsTable.format("%.1f", ours.score()))
            .append(" |");
        final List<String> goals = new ArrayList<>();
        final List<String> missed = new ArrayList<>();
        for (final String method : Implementations.MATRIX_PEERS)
        {
            final JmhResult peer = peer(rows, ours, method);
            final double ratio = peer == null ? Double.NaN : ours.score() / peer.score();
            out.append(' ').append(ResultsTable.format("%.1f", peer == null ? Double.NaN : peer.score()))
                .append(" | ").append(ResultsTable.format("%.2f", ratio)).append(" |");
            for (final Goals.RatioGoal goal : Goals.RATIO_GOALS)
            {
                if (peer != null && goal.peer().equals(method) && goal.appliesTo(operation, ours.threads()))
                {
                    goals.add(goal.shortText());
                    if (!Goals.met(goal, ratio))
                    {
                        missed.add(goal.shortText());
                    }
                }
            }
        }
        if (!Double.isNaN(ours.allocNorm()))
        {
            goals.add("0 B/op");
            if (!Goals.isZeroAlloc(ours.allocNorm()))
            {
                missed.add("0 B/op");
            }
        }
        out.append(' ').append(ResultsTable.format("%.2f", ours.allocNorm()))
            .append(" | ").append(goals.isEmpty() ? "—" : String.join("; ", goals))
            .append(" | ").append(goals.isEmpty() ? "—" :
                missed.isEmpty() ? Goals.verdict(true) : Goals.verdict(false) + ": " + String.join("; ", missed))
            .append(" |\n");
    }

    /** @return the peer's result of the same class and threads (a peer has no wait strategy), or null. */
    private static JmhResult peer(final List<JmhResult> rows, final JmhResult ours, final String method)
    {
        for (final JmhResult r : rows)
        {
            if (r.className().equals(ours.className()) && r.threads() == ours.threads() && r.method().equals(method))
            {
                return r;
            }
        }
        return null;
    }
}
