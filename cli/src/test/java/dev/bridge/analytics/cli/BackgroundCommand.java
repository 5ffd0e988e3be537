package dev.bridge.analytics.cli;

import dev.bridge.analytics.testing.Await;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A command running on its own thread until it is interrupted (as Ctrl-C would stop it), for the tests of serving
 * commands ({@code serve}, {@code bench --serve}). Its output is read from the test thread while the command writes.
 */
public final class BackgroundCommand
{
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private final Thread thread;

    private BackgroundCommand(final CommandLine cl, final String... args)
    {
        thread = new Thread(() ->
        {
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            exit.set(cl.execute(args));
        }, "serve-under-test");
    }

    /** @return {@code args} running on their own thread with {@code cl}, a fresh top-level command line. */
    public static BackgroundCommand start(final CommandLine cl, final String... args)
    {
        final BackgroundCommand background = new BackgroundCommand(cl, args);
        background.thread.start();
        return background;
    }

    public String out()
    {
        return out.toString();
    }

    public String err()
    {
        return err.toString();
    }

    /** Polls {@code value} until it is not null, failing after the deadline or if the command ended. */
    public String await(final String what, final Supplier<String> value)
    {
        return Await.until(what, value, thread, DEADLINE, this::toString);
    }

    /** @return the exit code after interrupting the command (its stop request) and joining it. */
    public int stop() throws InterruptedException
    {
        thread.interrupt();
        thread.join(DEADLINE.toMillis());
        assertFalse(thread.isAlive(), "the command stopped: " + this);
        return exit.get();
    }

    @Override
    public String toString()
    {
        return "exit " + exit.get() + "\nout: " + out + "\nerr: " + err;
    }
}
