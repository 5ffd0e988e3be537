package dev.bridge.analytics;

import java.nio.file.Path;

/** Child process of {@link CrashRecoveryTest}: publishes forever, printing each total that flush() committed. */
public final class CrashingWriter
{
    private CrashingWriter()
    {
    }

    public static void main(final String[] args)
    {
        final AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(Path.of(args[0])));
        final CounterHandle reads = engine.counter("variable_read");
        long published = 0;
        while (true)
        {
            for (int i = 0; i < 100_000; i++)
            {
                reads.increment();
            }
            published += 100_000;
            engine.flush();
            System.out.println("COMMITTED " + published);
            System.out.flush();
        }
    }
}
