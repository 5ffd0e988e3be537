package dev.bridge.analytics.promql;

import java.util.List;

/**
 * A parsed PromQL expression (the tree {@link PromqlParser} builds, already type-checked). Every node knows the
 * {@link ValueType} it evaluates to and where it starts in the input. Immutable, thread-safe.
 */
public sealed interface Expr
{
    /** @return the type this node evaluates to. */
    ValueType type();

    /** A number literal ({@code 1}, {@code 0.5}, {@code 0x1f}, {@code 1e3}, {@code Inf}, {@code NaN}). */
    record NumberLiteral(double value) implements Expr
    {
        @Override
        public ValueType type()
        {
            return ValueType.SCALAR;
        }
    }

    /** A string literal. */
    record StringLiteral(String value) implements Expr
    {
        @Override
        public ValueType type()
        {
            return ValueType.STRING;
        }
    }

    /**
     * An instant vector selector: {@code name{matchers} offset d}. The name, when given, is one more
     * {@code __name__=} matcher in {@code matchers}.
     *
     * @param name     the metric name written before the braces, or null.
     * @param matchers every matcher, the name's first.
     * @param offsetMs the {@code offset} (may be negative), 0 without one.
     */
    record VectorSelector(String name, List<LabelMatcher> matchers, long offsetMs) implements Expr
    {
        public VectorSelector
        {
            matchers = List.copyOf(matchers);
        }

        @Override
        public ValueType type()
        {
            return ValueType.VECTOR;
        }
    }

    /** A range vector selector: {@code selector[range]} (the selector carries the offset). */
    record MatrixSelector(VectorSelector selector, long rangeMs) implements Expr
    {
        @Override
        public ValueType type()
        {
            return ValueType.MATRIX;
        }
    }

    /** A function call. */
    record Call(Function function, List<Expr> args) implements Expr
    {
        public Call
        {
            args = List.copyOf(args);
        }

        @Override
        public ValueType type()
        {
            return function.returns();
        }
    }

    /**
     * An aggregation: {@code op [by|without (labels)] (expr)}.
     *
     * @param op       sum, avg, min, max or count.
     * @param grouping the labels of {@code by}/{@code without}; empty for neither.
     * @param without  true for {@code without}.
     */
    record Aggregate(AggregateOp op, List<String> grouping, boolean without, Expr expr) implements Expr
    {
        public Aggregate
        {
            grouping = List.copyOf(grouping);
        }

        @Override
        public ValueType type()
        {
            return ValueType.VECTOR;
        }
    }

    /** The supported aggregation operators. */
    enum AggregateOp
    {
        SUM, AVG, MIN, MAX, COUNT
    }

    /**
     * A binary operation.
     *
     * @param op         the operator.
     * @param lhs        left operand.
     * @param rhs        right operand.
     * @param returnBool comparisons with {@code bool}: 0/1 instead of filtering.
     * @param matching   vector matching ({@code on}/{@code ignoring}), null when not written.
     */
    record Binary(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, Matching matching) implements Expr
    {
        @Override
        public ValueType type()
        {
            return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
        }
    }

    /** {@code on(labels)} ({@code on == true}) or {@code ignoring(labels)}. */
    record Matching(boolean on, List<String> labels)
    {
        public Matching
        {
            labels = List.copyOf(labels);
        }
    }

    /** Unary minus (unary plus is dropped by the parser). */
    record Negation(Expr expr) implements Expr
    {
        @Override
        public ValueType type()
        {
            return expr.type();
        }
    }

    /** A parenthesised expression (kept so that the tree prints as written). */
    record Paren(Expr expr) implements Expr
    {
        @Override
        public ValueType type()
        {
            return expr.type();
        }
    }
}
