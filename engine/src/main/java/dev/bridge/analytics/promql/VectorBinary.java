package dev.bridge.analytics.promql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binary operators with at least one instant vector, as Prometheus 2.42 evaluates them: vector-scalar applies the
 * operator to each sample (comparisons filter, or give 0/1 with {@code bool}); vector-vector matches samples
 * one-to-one on their labels without {@code __name__} (restricted by {@code on}, or without the {@code ignoring}
 * labels); a side with two samples of the same matching labels is an {@code execution} error. Arithmetic and
 * {@code bool} drop the metric name; a filtering comparison keeps the left sample's labels. Result labels of a
 * one-to-one match: the left's, reduced to the {@code on} labels or without the {@code ignoring} ones.
 * {@code and}, {@code or}, {@code unless} are the set operations on the matching labels. Stateless, thread-safe.
 */
final class VectorBinary
{
    private VectorBinary()
    {
    }

    /** @return {@code vector op scalar} ({@code scalarLeft}: {@code scalar op vector}). */
    static List<Value.Sample> withScalar(final Expr.Binary e, final List<Value.Sample> vector, final double scalar,
        final boolean scalarLeft)
    {
        final List<Value.Sample> out = new ArrayList<>(vector.size());
        for (final Value.Sample s : vector)
        {
            if (s.isHistogram())
            {
                continue; // arithmetic and comparisons are over floats: native histograms drop out
            }
            final double lhs = scalarLeft ? scalar : s.value();
            final double rhs = scalarLeft ? s.value() : scalar;
            final double result = e.op().apply(lhs, rhs);
            if (e.op().isComparison() && !e.returnBool())
            {
                if (result == 1)
                {
                    // the vector's value passes, whichever side it was on
                    out.add(new Value.Sample(s.labels(), s.value()));
                }
                continue;
            }
            out.add(new Value.Sample(s.labels().withoutName(), result));
        }
        return out;
    }

    /** @return {@code lhs op rhs} for two instant vectors. */
    static List<Value.Sample> vectors(final Expr.Binary e, final List<Value.Sample> lhs, final List<Value.Sample> rhs)
    {
        return switch (e.op())
        {
            case AND, UNLESS -> filter(e, lhs, rhs, e.op() == BinaryOp.AND);
            case OR -> or(e, lhs, rhs);
            default -> oneToOne(e, lhs, rhs);
        };
    }

    private static Labels signature(final Expr.Matching matching, final Labels labels)
    {
        if (matching == null)
        {
            return labels.withoutName();
        }
        return matching.on() ? labels.filter(matching.labels(), true) :
            labels.withoutName().filter(matching.labels(), false);
    }

    private static List<Value.Sample> oneToOne(final Expr.Binary e, final List<Value.Sample> lhs,
        final List<Value.Sample> rhs)
    {
        final Map<Labels, Value.Sample> right = new HashMap<>();
        for (final Value.Sample s : rhs)
        {
            if (right.put(signature(e.matching(), s.labels()), s) != null)
            {
                throw PromqlException.execution("found duplicate series for the match group " +
                    signature(e.matching(), s.labels()) + " on the right hand-side of the operation: " +
                    "many-to-many matching not allowed: matching labels must be unique on one side");
            }
        }
        final Set<Labels> seenLeft = new HashSet<>();
        final List<Value.Sample> out = new ArrayList<>();
        for (final Value.Sample l : lhs)
        {
            final Labels sig = signature(e.matching(), l.labels());
            final Value.Sample r = right.get(sig);
            if (r == null || l.isHistogram() || r.isHistogram())
            {
                continue;
            }
            if (!seenLeft.add(sig))
            {
                throw PromqlException.execution("many-to-many matching not allowed: matching labels must be unique " +
                    "on one side");
            }
            final double result = e.op().apply(l.value(), r.value());
            final boolean filter = e.op().isComparison() && !e.returnBool();
            if (filter && result != 1)
            {
                continue;
            }
            Labels labels = filter ? l.labels() : l.labels().withoutName();
            if (e.matching() != null)
            {
                labels = e.matching().on() ? labels.filter(e.matching().labels(), true) :
                    labels.filter(e.matching().labels(), false);
            }
            out.add(new Value.Sample(labels, filter ? l.value() : result));
        }
        return out;
    }

    private static List<Value.Sample> filter(final Expr.Binary e, final List<Value.Sample> lhs,
        final List<Value.Sample> rhs, final boolean keepMatching)
    {
        final Set<Labels> right = new HashSet<>();
        rhs.forEach(s -> right.add(signature(e.matching(), s.labels())));
        final List<Value.Sample> out = new ArrayList<>();
        for (final Value.Sample l : lhs)
        {
            if (right.contains(signature(e.matching(), l.labels())) == keepMatching)
            {
                out.add(l);
            }
        }
        return out;
    }

    private static List<Value.Sample> or(final Expr.Binary e, final List<Value.Sample> lhs,
        final List<Value.Sample> rhs)
    {
        final Set<Labels> left = new HashSet<>();
        final List<Value.Sample> out = new ArrayList<>(lhs);
        lhs.forEach(s -> left.add(signature(e.matching(), s.labels())));
        for (final Value.Sample r : rhs)
        {
            if (!left.contains(signature(e.matching(), r.labels())))
            {
                out.add(r);
            }
        }
        return out;
    }
}
