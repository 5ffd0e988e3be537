package dev.bridge.analytics.snapshot;

import dev.bridge.analytics.config.ConfigException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A snapshot file that cannot be merged, with the place of the problem: the message has the form
 * {@code <file>:<line>:<column>: <field>: <problem>}, e.g.
 * {@code node-a.snap:12:7: series[3].buckets[0].histogram: not base64}. Line and column are Jackson's (1-based) of
 * the offending token (of the object for a missing field); a problem of the whole file has no field; a file that
 * cannot be read has no line and column ({@code <file>: <problem>}).
 * <p>
 * A merge checks every file before it merges any: when files are rejected, one exception {@link #of(List) combines}
 * them, one line per file, and {@link #rejectedFiles()} counts them. Immutable, thread-safe.
 */
public final class SnapshotException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final List<SnapshotException> problems;

    /**
     * @param file    the file as given.
     * @param line    1-based line; 0 when the file could not be read.
     * @param column  1-based column; 0 when the file could not be read.
     * @param field   path of the offending field ({@code series[3].buckets[0].histogram}), empty for the whole file.
     * @param problem what is wrong.
     */
    public SnapshotException(final String file, final int line, final int column, final String field, final String problem)
    {
        super(ConfigException.format(file, line, column, field, problem));
        this.problems = List.of(this);
    }

    private SnapshotException(final List<SnapshotException> problems)
    {
        super(problems.stream().map(Throwable::getMessage).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    /** @return one exception for the problems of every rejected file (one line each); the single one if just one. */
    public static SnapshotException of(final List<SnapshotException> problems)
    {
        if (problems.isEmpty())
        {
            throw new IllegalArgumentException("no problems");
        }
        return problems.size() == 1 ? problems.get(0) : new SnapshotException(problems);
    }

    /** @return the number of files rejected (one per problem: a file is rejected at its first problem). */
    public int rejectedFiles()
    {
        return problems.size();
    }

    /** @return the problem of each rejected file, in the order the files were given. */
    public List<SnapshotException> problems()
    {
        return problems;
    }
}
