package dev.bridge.analytics.bench.jmh;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The record-cost chart: {@code measure} times single calls of one implementation into an HdrHistogram
 * ({@link RecordCostSampler}, one JVM per implementation), {@code render} reads every {@code record-cost-*.hgrm}
 * of a directory and writes {@code record-cost.html}: a percentile plot (log-log, as HdrHistogram's plotter) in
 * inline SVG and a percentile table, no script and no external resource. Stateless, thread-safe.
 * <pre>
 * RecordCostChart measure &lt;target&gt; &lt;waitStrategy&gt; &lt;warmUpCalls&gt; &lt;calls&gt; &lt;outDir&gt;
 * RecordCostChart render &lt;dir&gt;
 * </pre>
 */
public final class RecordCostChart
{
    private RecordCostChart()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length == 6 && "measure".equals(args[0]))
        {
            final RecordTarget target = RecordTarget.valueOf(args[1].toUpperCase(Locale.ROOT));
            final Histogram h = RecordCostSampler.run(
                target, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Path.of(args[5]));
            System.out.printf(Locale.ROOT, "%-14s p50=%d p99=%d p99.9=%d max=%d ns (%d calls)%n", target,
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
                h.getTotalCount());
        }
        else if (args.length == 2 && "render".equals(args[0]))
        {
            final Path dir = Path.of(args[1]);
            final List<PercentileCurve> curves = new ArrayList<>();
            for (final RecordTarget target : RecordTarget.values())
            {
                final Path file = dir.resolve(target.fileStem() + ".hgrm");
                if (Files.exists(file))
                {
                    curves.add(PercentileCurve.parse(target, Files.readAllLines(file, StandardCharsets.UTF_8)));
                }
            }
            if (curves.isEmpty())
            {
                System.err.println("no record-cost-*.hgrm in " + dir);
                System.exit(1);
            }
            final Path html = dir.resolve("record-cost.html");
            Files.writeString(html, PercentileSvg.page(curves, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()),
                StandardCharsets.UTF_8);
            System.out.println("wrote " + html);
        }
        else
        {
            System.err.println("usage: RecordCostChart measure <target> <waitStrategy> <warmUpCalls> <calls> <outDir>\n" +
                "       RecordCostChart render <dir>\n  targets: " + Arrays.toString(RecordTarget.values()));
            System.exit(2);
        }
    }
}
