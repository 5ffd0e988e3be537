package dev.bridge.analytics.bench.jmh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The machine a run was measured on: CPU model and topology from {@code lscpu} (sockets, cores, threads per core,
 * caches, hypervisor) and the OS. Results mean little without them. Stateless, thread-safe.
 */
final class MachineFacts
{
    private static final Set<String> LSCPU_KEYS = Set.of(
        "Model name", "CPU family", "Model", "CPU(s)", "Thread(s) per core", "Core(s) per socket", "Socket(s)",
        "NUMA node(s)",
        "L1d cache", "L2 cache", "L3 cache", "Hypervisor vendor", "Virtualization type");

    private MachineFacts()
    {
    }

    /** @return {@code key: value} lines: the chosen lscpu fields (or a note that lscpu failed) and the OS. */
    static List<String> collect()
    {
        final List<String> facts = new ArrayList<>();
        try
        {
            final Process process = new ProcessBuilder("lscpu").redirectErrorStream(true).start();
            try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    final int colon = line.indexOf(':');
                    if (colon > 0 && LSCPU_KEYS.contains(line.substring(0, colon).trim()))
                    {
                        facts.add(line.substring(0, colon).trim() + ": " + line.substring(colon + 1).trim());
                    }
                }
            }
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (final IOException ex)
        {
            facts.add("lscpu: unavailable (" + ex.getMessage() + ")");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        facts.add("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
            System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() +
            " CPUs available to the JVM");
        return facts;
    }
}
