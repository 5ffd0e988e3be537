package dev.bridge.analytics.bench.jmh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One implementation's percentile distribution read back from a {@code .hgrm} file (HdrHistogram's
 * {@code outputPercentileDistribution} text): the (percentile, value) points and the {@code #[RecordCost ...]}
 * metadata that {@link RecordCostSampler} appends. Immutable, thread-safe.
 *
 * @param target   the implementation.
 * @param fraction percentiles as fractions in [0, 1), ascending (the final 100% row is left out: see max).
 * @param valueNs  value at each of them, ns.
 * @param meta     metadata by key: overheadNs, calls, p50, p90, p99, p999, p9999, max, mean.
 */
record PercentileCurve(RecordTarget target, double[] fraction, double[] valueNs, Map<String, String> meta)
{
    private static final Pattern ROW = Pattern.compile("^\\s*([0-9.]+)\\s+([0-9.]+)\\s+(\\d+)\\s+\\S+\\s*$");
    private static final Pattern META = Pattern.compile("(\\w+)=([^\\s\\]]+)");

    /** @return the curve of the lines of a {@code .hgrm} file. */
    static PercentileCurve parse(final RecordTarget target, final List<String> lines)
    {
        final List<double[]> points = new ArrayList<>();
        final Map<String, String> meta = new HashMap<>();
        for (final String line : lines)
        {
            if (line.startsWith("#[RecordCost"))
            {
                final Matcher m = META.matcher(line);
                while (m.find())
                {
                    meta.put(m.group(1), m.group(2));
                }
                continue;
            }
            final Matcher row = ROW.matcher(line);
            if (row.matches())
            {
                final double fraction = Double.parseDouble(row.group(2));
                if (fraction < 1.0)
                {
                    points.add(new double[]{ fraction, Double.parseDouble(row.group(1)) });
                }
            }
        }
        final double[] fractions = new double[points.size()];
        final double[] values = new double[points.size()];
        for (int i = 0; i < points.size(); i++)
        {
            fractions[i] = points.get(i)[0];
            values[i] = points.get(i)[1];
        }
        return new PercentileCurve(target, fractions, values, Map.copyOf(meta));
    }

    /** @return a metadata value, or "?" when the file has none. */
    String meta(final String key)
    {
        return meta.getOrDefault(key, "?");
    }
}
