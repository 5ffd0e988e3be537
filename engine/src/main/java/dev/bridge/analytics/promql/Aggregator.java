package dev.bridge.analytics.promql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sum avg min max count [by|without (labels)]} over an instant vector, as Prometheus 2.42 groups them: the
 * group's labels are the {@code by} labels present, or all but the {@code without} labels and {@code __name__}
 * (no clause: the empty set); min and max replace a NaN; avg is the incremental mean. Stateless, thread-safe.
 */
final class Aggregator
{
    private Aggregator()
    {
    }

    /** @return one sample per group of {@code input}, in order of first appearance. */
    static List<Value.Sample> apply(final Expr.Aggregate aggregate, final List<Value.Sample> input)
    {
        final Map<Labels, double[]> groups = new LinkedHashMap<>(); // {value, count, mean}
        for (final Value.Sample s : input)
        {
            final Labels group = aggregate.without() ?
                s.labels().withoutName().filter(aggregate.grouping(), false) :
                s.labels().filter(aggregate.grouping(), true);
            final double[] acc = groups.get(group);
            final double v = s.value();
            if (acc == null)
            {
                groups.put(group, new double[] { v, 1, v });
                continue;
            }
            acc[1]++;
            switch (aggregate.op())
            {
                case SUM -> acc[0] += v;
                case AVG -> acc[2] += v / acc[1] - acc[2] / acc[1];
                case MIN ->
                {
                    if (acc[0] > v || Double.isNaN(acc[0]))
                    {
                        acc[0] = v;
                    }
                }
                case MAX ->
                {
                    if (acc[0] < v || Double.isNaN(acc[0]))
                    {
                        acc[0] = v;
                    }
                }
                case COUNT ->
                {
                }
            }
        }
        final List<Value.Sample> out = new ArrayList<>(groups.size());
        groups.forEach((labels, acc) -> out.add(new Value.Sample(labels, switch (aggregate.op())
        {
            case SUM, MIN, MAX -> acc[0];
            case AVG -> acc[2];
            case COUNT -> acc[1];
        })));
        return out;
    }
}
