package dev.bridge.analytics.promql;

import java.util.List;

/** The result of evaluating an expression at one instant. Immutable, thread-safe. */
public sealed interface Value
{
    /** @return the type of this value. */
    ValueType type();

    /** A number. */
    record Scalar(double value) implements Value
    {
        @Override
        public ValueType type()
        {
            return ValueType.SCALAR;
        }
    }

    /** A string. */
    record StringValue(String value) implements Value
    {
        @Override
        public ValueType type()
        {
            return ValueType.STRING;
        }
    }

    /** An instant vector: one value per series, all at the evaluation time. */
    record Vector(List<Sample> samples) implements Value
    {
        public Vector
        {
            samples = List.copyOf(samples);
        }

        @Override
        public ValueType type()
        {
            return ValueType.VECTOR;
        }
    }

    /** A range vector (or a range query's result): samples per series. */
    record Matrix(List<SeriesSamples> series) implements Value
    {
        public Matrix
        {
            series = List.copyOf(series);
        }

        @Override
        public ValueType type()
        {
            return ValueType.MATRIX;
        }
    }

    /**
     * One element of a vector: a float, or a native histogram ({@code histogram} not null; {@code value} is then 0
     * and meaningless).
     */
    record Sample(Labels labels, double value, NativeHistogram histogram)
    {
        /** A float sample. */
        public Sample(final Labels labels, final double value)
        {
            this(labels, value, null);
        }

        /** A native histogram sample. */
        public Sample(final Labels labels, final NativeHistogram histogram)
        {
            this(labels, 0, histogram);
        }

        /** @return true for a native histogram sample. */
        public boolean isHistogram()
        {
            return histogram != null;
        }
    }
}
