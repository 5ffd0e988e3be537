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

    /**
     * @return one sample per group of {@code input}, in order of first appearance. Native histograms: {@code sum}
     *         adds them (at the smallest schema; a group mixing floats and histograms gives no sample),
     *         {@code count} counts them, {@code avg min max} leave them out (a group of histograms only gives no
     *         sample).
     */
    static List<Value.Sample> apply(final Expr.Aggregate aggregate, final List<Value.Sample> input)
    {
        final Map<Labels, Group> groups = new LinkedHashMap<>();
        for (final Value.Sample s : input)
        {
            final Labels labels = aggregate.without() ?
                s.labels().withoutName().filter(aggregate.grouping(), false) :
                s.labels().filter(aggregate.grouping(), true);
            final Group group = groups.computeIfAbsent(labels, l -> new Group());
            group.samples++;
            if (s.isHistogram())
            {
                group.histogram = group.histogram == null ? s.histogram() : group.histogram.plus(s.histogram());
                continue;
            }
            final double v = s.value();
            group.floats++;
            if (group.floats == 1)
            {
                group.value = v;
                group.mean = v;
                continue;
            }
            switch (aggregate.op())
            {
                case SUM -> group.value += v;
                case AVG -> group.mean += v / group.floats - group.mean / group.floats;
                case MIN ->
                {
                    if (group.value > v || Double.isNaN(group.value))
                    {
                        group.value = v;
                    }
                }
                case MAX ->
                {
                    if (group.value < v || Double.isNaN(group.value))
                    {
                        group.value = v;
                    }
                }
                case COUNT ->
                {
                }
            }
        }
        final List<Value.Sample> out = new ArrayList<>(groups.size());
        groups.forEach((labels, g) ->
        {
            if (aggregate.op() == Expr.AggregateOp.COUNT)
            {
                out.add(new Value.Sample(labels, g.samples));
            }
            else if (aggregate.op() == Expr.AggregateOp.SUM && g.histogram != null)
            {
                if (g.floats == 0)
                {
                    out.add(new Value.Sample(labels, g.histogram));
                }
            }
            else if (g.floats > 0)
            {
                out.add(new Value.Sample(labels, aggregate.op() == Expr.AggregateOp.AVG ? g.mean : g.value));
            }
        });
        return out;
    }

    /** One group's accumulator. */
    private static final class Group
    {
        private long samples;
        private long floats;
        private double value;
        private double mean;
        private NativeHistogram histogram;
    }
}
