package dev.bridge.analytics.promql;

/** The PromQL value types, named as Prometheus names them in errors and in {@code resultType}. */
public enum ValueType
{
    SCALAR("scalar", "scalar"), VECTOR("instant vector", "vector"), MATRIX("range vector", "matrix"),
    STRING("string", "string");

    private final String description;
    private final String resultType;

    ValueType(final String description, final String resultType)
    {
        this.description = description;
        this.resultType = resultType;
    }

    /** @return the name errors use ({@code instant vector}). */
    public String description()
    {
        return description;
    }

    /** @return the {@code resultType} of the API ({@code vector}). */
    public String resultType()
    {
        return resultType;
    }
}
