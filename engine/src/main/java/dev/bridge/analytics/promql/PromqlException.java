package dev.bridge.analytics.promql;

/**
 * A query the engine refuses, with Prometheus' error type: {@code bad_data} for an expression or parameter that
 * cannot be parsed or type-checked (HTTP 400), {@code execution} for one that fails while evaluating (HTTP 422,
 * e.g. many-to-many matching), {@code timeout} for one abandoned when its {@code timeout} passed (HTTP 503,
 * {@link QueryDeadline}). The message is the text after {@code invalid parameter "query": } for parse
 * errors ({@code 1:5: parse error: unclosed left parenthesis}). Stackless: flow control at the request boundary.
 * Immutable, thread-safe.
 */
public final class PromqlException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** Prometheus' error types this package raises. */
    public enum Kind
    {
        BAD_DATA("bad_data", 400), EXECUTION("execution", 422), TIMEOUT("timeout", 503);

        private final String errorType;
        private final int status;

        Kind(final String errorType, final int status)
        {
            this.errorType = errorType;
            this.status = status;
        }

        /** @return the {@code errorType} of the JSON envelope. */
        public String errorType()
        {
            return errorType;
        }

        /** @return the HTTP status Prometheus answers with. */
        public int status()
        {
            return status;
        }
    }

    private final Kind kind;

    public PromqlException(final Kind kind, final String message)
    {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** @return a parse error at {@code position} of {@code input}: {@code line:col: parse error: problem}. */
    static PromqlException parse(final String input, final int position, final String problem)
    {
        return new PromqlException(Kind.BAD_DATA, lineColumn(input, position) + ": parse error: " + problem);
    }

    /** @return an evaluation error. */
    static PromqlException execution(final String problem)
    {
        return new PromqlException(Kind.EXECUTION, problem);
    }

    /** @return the error type and status. */
    public Kind kind()
    {
        return kind;
    }

    /** @return {@code line:column} (both 1-based, column in characters) of {@code position} in {@code input}. */
    static String lineColumn(final String input, final int position)
    {
        int line = 1;
        int lineStart = 0;
        final int end = Math.min(position, input.length());
        for (int i = 0; i < end; i++)
        {
            if (input.charAt(i) == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (position - lineStart + 1);
    }
}
