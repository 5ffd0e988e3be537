package dev.bridge.analytics.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line ({@code analytics ARGS}, or another top-level command's) in a child JVM with the test's classpath
 * and the JVM flags Agrona and Chronicle need (those this test JVM was started with: surefire's argLine, from the
 * parent pom's analytics.jvm.flags), for tests that send it a signal ({@link Process#destroy()} is SIGTERM on Linux).
 * Stateless; thread-safe.
 */
public final class ChildJvm
{
    private ChildJvm()
    {
    }

    /** @return the command that runs {@link AnalyticsCli} with {@code args}. */
    public static List<String> analytics(final String... args)
    {
        return command(AnalyticsCli.class, args);
    }

    /** @return the command that runs {@code mainClass} with {@code args}. */
    public static List<String> command(final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-exports") || flag.startsWith("--add-opens") || flag.startsWith("-Dchronicle."))
            {
                command.add(flag);
            }
        }
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }
}
