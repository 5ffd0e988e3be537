package dev.bridge.analytics.bench;

import dev.bridge.analytics.bench.jmh.JvmFlags;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code analytics ARGS} in a child JVM with the test's classpath and the required JVM flags, for
 * tests that send it a signal ({@link Process#destroy()} is SIGTERM on Linux). Stateless; thread-safe.
 */
final class ChildJvm
{
    private ChildJvm()
    {
    }

    static List<String> analytics(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(JvmFlags.ALL));
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(AnalyticsCli.class.getName());
        command.addAll(List.of(args));
        return command;
    }
}
