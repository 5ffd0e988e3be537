package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.cli.AnalyticsCli;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of a command line: its exit code and what it printed. Shared by the command tests (bench's too). */
public record CommandRun(int exit, String out, String err)
{
    /** Runs {@code args} with {@code analytics.jar}'s command line ({@link AnalyticsCli}). */
    public static CommandRun of(final String... args)
    {
        return of(AnalyticsCli.newCommandLine(), args);
    }

    /** Runs {@code args} with {@code cl}, a fresh top-level command line (e.g. benchmarks.jar's). */
    public static CommandRun of(final CommandLine cl, final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        final int exit = cl.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }

    /** @return the single line printed on stdout, without its line separator. */
    public String line()
    {
        return out.strip();
    }

    @Override
    public String toString()
    {
        return "exit " + exit + "\nout: " + out + "\nerr: " + err;
    }
}
