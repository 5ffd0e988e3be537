package dev.bridge.analytics.promql;

import java.util.List;

/**
 * The PromQL functions the engine evaluates, with their argument and return types (Prometheus 2.42 semantics).
 * Any other name is {@code unknown function with name "x"} (also the functions Prometheus has but this subset
 * lacks: the message then says so).
 */
public enum Function
{
    RATE("rate", ValueType.VECTOR, ValueType.MATRIX),
    IRATE("irate", ValueType.VECTOR, ValueType.MATRIX),
    INCREASE("increase", ValueType.VECTOR, ValueType.MATRIX),
    AVG_OVER_TIME("avg_over_time", ValueType.VECTOR, ValueType.MATRIX),
    MIN_OVER_TIME("min_over_time", ValueType.VECTOR, ValueType.MATRIX),
    MAX_OVER_TIME("max_over_time", ValueType.VECTOR, ValueType.MATRIX),
    SUM_OVER_TIME("sum_over_time", ValueType.VECTOR, ValueType.MATRIX),
    COUNT_OVER_TIME("count_over_time", ValueType.VECTOR, ValueType.MATRIX),
    LAST_OVER_TIME("last_over_time", ValueType.VECTOR, ValueType.MATRIX),
    HISTOGRAM_QUANTILE("histogram_quantile", ValueType.VECTOR, ValueType.SCALAR, ValueType.VECTOR),
    HISTOGRAM_COUNT("histogram_count", ValueType.VECTOR, ValueType.VECTOR),
    HISTOGRAM_SUM("histogram_sum", ValueType.VECTOR, ValueType.VECTOR),
    ABS("abs", ValueType.VECTOR, ValueType.VECTOR),
    CEIL("ceil", ValueType.VECTOR, ValueType.VECTOR),
    FLOOR("floor", ValueType.VECTOR, ValueType.VECTOR),
    SQRT("sqrt", ValueType.VECTOR, ValueType.VECTOR),
    EXP("exp", ValueType.VECTOR, ValueType.VECTOR),
    LN("ln", ValueType.VECTOR, ValueType.VECTOR),
    VECTOR("vector", ValueType.VECTOR, ValueType.SCALAR),
    SCALAR("scalar", ValueType.SCALAR, ValueType.VECTOR),
    TIME("time", ValueType.SCALAR);

    /** Prometheus 2.42 functions outside this subset: named as unsupported rather than unknown. */
    private static final List<String> UNSUPPORTED = List.of("absent", "absent_over_time", "changes", "clamp",
        "clamp_max", "clamp_min", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "delta", "deriv",
        "holt_winters", "hour", "idelta", "label_join", "label_replace", "log10", "log2", "minute", "month",
        "predict_linear", "present_over_time", "quantile_over_time", "resets", "round", "sgn", "sort", "sort_desc",
        "stddev_over_time", "stdvar_over_time", "timestamp", "year", "acos", "asin", "atan", "cos", "sin", "tan",
        "deg", "rad", "pi", "histogram_fraction", "group", "topk", "bottomk",
        "quantile", "stddev", "stdvar", "count_values");

    private final String spelling;
    private final ValueType returns;
    private final List<ValueType> arguments;

    Function(final String spelling, final ValueType returns, final ValueType... arguments)
    {
        this.spelling = spelling;
        this.returns = returns;
        this.arguments = List.of(arguments);
    }

    /** @return the function named {@code name} (case-sensitive, as in Prometheus), or null. */
    static Function of(final String name)
    {
        for (final Function f : values())
        {
            if (f.spelling.equals(name))
            {
                return f;
            }
        }
        return null;
    }

    /** @return true for a Prometheus function or aggregation this subset does not evaluate. */
    static boolean unsupported(final String name)
    {
        return UNSUPPORTED.contains(name);
    }

    /** @return the name as written. */
    public String spelling()
    {
        return spelling;
    }

    /** @return the result type. */
    public ValueType returns()
    {
        return returns;
    }

    /** @return the argument types, in order. */
    public List<ValueType> arguments()
    {
        return arguments;
    }

    /** @return true for the functions that keep the metric name ({@code last_over_time}). */
    boolean keepsName()
    {
        return this == LAST_OVER_TIME;
    }
}
