package dev.bridge.analytics.config;

/**
 * A configuration file that cannot be used, with the place of the first problem found. Immutable, thread-safe.
 * <p>
 * The message has the form {@code <file>:<line>:<column>: <field>: <problem>}, for example
 * {@code config/analytics.yaml:12:16: engine.ring_size: ring_size must be a power of two in 64..4194304, was 1000}.
 * Line and column are 1-based. Two forms drop a part: a problem of the whole document (an empty file, a file that
 * is not a mapping, a YAML syntax error before any key) has an empty {@link #field()} and the message
 * {@code <file>:<line>:<column>: <problem>}; a file that cannot be read at all has line and column 0 and the message
 * {@code <file>: <problem>}.
 */
public final class ConfigException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String field;
    private final String problem;

    /**
     * @param file    the file or resource name the configuration came from.
     * @param line    1-based line of the problem (0 only when the file could not be read).
     * @param column  1-based column of the problem (0 only when the file could not be read).
     * @param field   dotted path of the offending key, e.g. {@code metrics.read_latency_us.histogram.highest};
     *                empty for a problem of the whole document.
     * @param problem what is wrong, in words.
     */
    public ConfigException(final String file, final int line, final int column, final String field, final String problem)
    {
        this(file, line, column, field, problem, null);
    }

    /** As {@link #ConfigException(String, int, int, String, String)}, with the exception that revealed the problem. */
    public ConfigException(
        final String file, final int line, final int column, final String field, final String problem,
        final Throwable cause)
    {
        super(format(file, line, column, field, problem), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field == null ? "" : field;
        this.problem = problem;
    }

    /**
     * @return {@code file:line:column: field: problem}, the form of every input error the engine reports (config
     *         files, snapshot files); without line (0) {@code file: field: problem}, without field {@code file:line:column: problem}.
     */
    public static String format(
        final String file, final int line, final int column, final String field, final String problem)
    {
        final StringBuilder sb = new StringBuilder(file);
        if (line > 0)
        {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (field != null && !field.isEmpty())
        {
            sb.append(field).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** @return the file or resource name, as given to the loader. */
    public String file()
    {
        return file;
    }

    /** @return 1-based line of the problem; 0 when the file could not be read. */
    public int line()
    {
        return line;
    }

    /** @return 1-based column of the problem; 0 when the file could not be read. */
    public int column()
    {
        return column;
    }

    /** @return dotted path of the offending key ({@code engine.ring_size}, {@code metrics.x.labels[1]}); may be empty. */
    public String field()
    {
        return field;
    }

    /** @return the problem alone, without file, position and field. */
    public String problem()
    {
        return problem;
    }
}
