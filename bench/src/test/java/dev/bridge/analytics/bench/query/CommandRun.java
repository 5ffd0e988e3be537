package dev.bridge.analytics.bench.query;

import dev.bridge.analytics.bench.AnalyticsCli;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line: its exit code and what it printed. Shared by the command tests. */
public record CommandRun(int exit, String out, String err)
{
    public static CommandRun of(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cl = AnalyticsCli.newCommandLine();
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
