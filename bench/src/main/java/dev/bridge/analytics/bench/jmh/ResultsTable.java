package dev.bridge.analytics.bench.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a JMH JSON result file into the results table of {@code bench/RESULTS.md}: one row per benchmark with its
 * score (ns/op, with JMH's 99.9% error), {@code gc.alloc.rate.norm} (B/op) and, for each peer, the ratio of our
 * unlabelled handle's score (same operation, threads and wait strategy) to the peer's: below 1 we are faster.
 * <p>
 * {@link #main(String[])} regenerates the whole JMH section (see {@link ResultsSection}) between the markers of
 * RESULTS.md and leaves the rest of the file alone. Stateless, thread-safe.
 */
public final class ResultsTable
{
    /** The parameter that selects the consumer's wait strategy (ours and the raw ring). */
    static final String WAIT_STRATEGY = "waitStrategy";

    private ResultsTable()
    {
    }

    /**
     * Usage: {@code ResultsTable <jmh.json> <RESULTS.md> <mode>}. Reads, next to the JSON, {@code <name>.facts}
     * ({@code name: value} lines about the run that run.sh writes: options, build, load), {@code jmh-notes.md} and
     * {@code record-cost.html}, if present.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 3)
        {
            System.err.println("usage: ResultsTable <jmh.json> <RESULTS.md> <quick|full>");
            System.exit(2);
        }
        final Path json = Path.of(args[0]);
        final Path markdown = Path.of(args[1]);
        final JmhRun run = JmhRun.parse(Files.readString(json, StandardCharsets.UTF_8));
        final Path factsFile = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + ".facts");
        final List<String> runFacts = Files.exists(factsFile) ?
            Files.readAllLines(factsFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList() : List.of();
        final String section = ResultsSection.render(
            run, args[2], json, markdown.toAbsolutePath().getParent(), MachineFacts.collect(), runFacts);
        final String existing = Files.exists(markdown) ? Files.readString(markdown, StandardCharsets.UTF_8) : "";
        Files.writeString(markdown, MarkdownSection.replace(existing, section), StandardCharsets.UTF_8);
        System.out.println("updated the JMH section of " + markdown + " from " + json);
        System.out.println(table(run));
        System.out.println(MatrixTable.table(run));
    }

    /** @return the markdown table of every benchmark of the run. */
    public static String table(final JmhRun run)
    {
        final List<JmhResult> rows = new ArrayList<>(run.results());
        rows.sort(Implementations::compare);
        final List<String> strategies = oursWaitStrategies(rows);
        final StringBuilder out = new StringBuilder();
        out.append("| operation | threads | implementation | params | ns/op | ± | B/op |");
        strategies.forEach(s -> out.append(" ours/peer (").append(s).append(") |"));
        out.append('\n').append("|---|---:|---|---|---:|---:|---:|");
        strategies.forEach(s -> out.append("---:|"));
        out.append('\n');
        for (final JmhResult row : rows)
        {
            final String operation = Implementations.operation(row.className());
            out.append("| ").append(operation)
                .append(" | ").append(row.threads())
                .append(" | ").append(Implementations.name(operation, row.method()))
                .append(" | ").append(row.paramsText())
                .append(" | ").append(format("%.1f", row.score()))
                .append(" | ").append(format("%.1f", row.scoreError()))
                .append(" | ").append(format("%.2f", row.allocNorm()))
                .append(" |");
            for (final String strategy : strategies)
            {
                out.append(' ').append(ratioText(rows, row, strategy)).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** @return our unlabelled result of the same class and threads with that wait strategy, or null. */
    static JmhResult ours(final List<JmhResult> results, final JmhResult peer, final String waitStrategy)
    {
        for (final JmhResult r : results)
        {
            if (r.className().equals(peer.className()) && r.threads() == peer.threads() &&
                Implementations.OURS.equals(r.method()) && waitStrategy.equals(r.params().get(WAIT_STRATEGY)))
            {
                return r;
            }
        }
        return null;
    }

    /** @return the wait strategies our benchmarks ran with, in row order. */
    static List<String> oursWaitStrategies(final List<JmhResult> sortedRows)
    {
        final List<String> strategies = new ArrayList<>();
        for (final JmhResult r : sortedRows)
        {
            final String s = r.params().get(WAIT_STRATEGY);
            if (Implementations.isOurs(r.method()) && s != null && !strategies.contains(s))
            {
                strategies.add(s);
            }
        }
        return strategies;
    }

    /** @return {@code value} formatted, or an em dash for NaN. */
    static String format(final String pattern, final double value)
    {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, pattern, value);
    }

    private static String ratioText(final List<JmhResult> rows, final JmhResult row, final String strategy)
    {
        if (Implementations.isOurs(row.method()))
        {
            return "";
        }
        final String own = row.params().get(WAIT_STRATEGY);
        if (own != null && !own.equals(strategy))
        {
            return "";
        }
        final JmhResult ours = ours(rows, row, strategy);
        return ours == null ? "" : format("%.2f", ours.score() / row.score());
    }
}
