package dev.bridge.analytics.export;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one way tests run external validators: {@code promtool} (Debian package {@code prometheus}), the strict
 * OpenMetrics parser of {@code prometheus_client} ({@code python3-prometheus-client}, run with
 * {@code /usr/bin/python3}, which sees Debian's packages) and Python's strict CSV reader ({@code python3}).
 * Each runs with the text on stdin and a timeout, and returns its exit code and combined output. A missing tool
 * skips the test (JUnit assumption) with a message naming the package to install, unless the environment variable
 * {@value #REQUIRE} is {@code 1} (CI): then the test fails.
 * Thread-safe (stateless but for the availability checks, which are idempotent).
 */
public final class ExternalValidators
{
    /** Set to 1 to fail instead of skip when a validator is missing. */
    public static final String REQUIRE = "ANALYTICS_REQUIRE_VALIDATORS";
    private static final long TIMEOUT_SECONDS = 60;
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final String OPENMETRICS_SCRIPT = String.join("\n",
        "import sys",
        "from prometheus_client.openmetrics.parser import text_string_to_metric_families",
        "families = list(text_string_to_metric_families(sys.stdin.read()))",
        "print(len(families), 'families', sum(len(f.samples) for f in families), 'samples')");

    private static final String CSV_SCRIPT = String.join("\n",
        "import csv, io, sys",
        "expected = int(sys.argv[1])",
        "text = sys.stdin.buffer.read().decode('utf-8')",
        "rows = list(csv.reader(io.StringIO(text, newline=''), strict=True))",
        "bad = [i for i, r in enumerate(rows) if len(r) != expected]",
        "if bad:",
        "    print('rows with a field count other than', expected, ':', bad[:10])",
        "    sys.exit(1)",
        "print(len(rows), 'rows')");

    private ExternalValidators()
    {
    }

    /** What a validator answered. */
    public record Result(int exitCode, String output)
    {
    }

    /** Runs {@code promtool args...} (e.g. {@code query instant URL EXPR}) with an empty stdin. */
    public static Result promtool(final String... args)
    {
        final Path promtool = onPath("promtool");
        require(promtool != null, "promtool is not installed: apt-get install -y --no-install-recommends prometheus");
        final List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(List.of(args));
        return run(command, "");
    }

    /** Runs {@code promtool check metrics} on {@code text} (Prometheus text 0.0.4): exit 0 and no output is clean. */
    public static Result promtoolCheck(final String text)
    {
        final Path promtool = onPath("promtool");
        require(promtool != null, "promtool is not installed: apt-get install -y --no-install-recommends prometheus");
        return run(List.of(promtool.toString(), "check", "metrics"), text);
    }

    /**
     * Parses {@code text} with prometheus_client's strict OpenMetrics parser; exit 0 when it parsed, else 1 with
     * the parser's error.
     */
    public static Result openMetricsParse(final String text)
    {
        require(pythonHas("prometheus_client"),
            "/usr/bin/python3 with prometheus_client is not installed: " +
                "apt-get install -y --no-install-recommends python3-prometheus-client");
        return run(List.of(PYTHON.toString(), "-c", OPENMETRICS_SCRIPT), text);
    }

    /**
     * Reads {@code csv} with Python's {@code csv.reader(strict=True)} and checks that every row has
     * {@code fields} fields: exit 0 when it did (output: the row count), else 1.
     */
    public static Result pythonCsvParse(final String csv, final int fields)
    {
        require(pythonHas("csv"), "/usr/bin/python3 is not installed: apt-get install -y --no-install-recommends python3");
        return run(List.of(PYTHON.toString(), "-c", CSV_SCRIPT, Integer.toString(fields)), csv);
    }

    private static void require(final boolean available, final String message)
    {
        if (!available)
        {
            if ("1".equals(System.getenv(REQUIRE)))
            {
                Assertions.fail(message + " (" + REQUIRE + "=1)");
            }
            Assumptions.assumeTrue(false, message);
        }
    }

    private static Path onPath(final String name)
    {
        final String path = System.getenv("PATH");
        if (path != null)
        {
            for (final String dir : path.split(File.pathSeparator))
            {
                final Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate))
                {
                    return candidate;
                }
            }
        }
        final Path debian = Path.of("/usr/bin", name);
        return Files.isExecutable(debian) ? debian : null;
    }

    private static boolean pythonHas(final String module)
    {
        return Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import " + module), "").exitCode() == 0;
    }

    private static Result run(final List<String> command, final String stdin)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            try (OutputStream in = process.getOutputStream())
            {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                Assertions.fail(command.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(),
                new String(output.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run " + command.get(0) + ": " + ex.getMessage(), ex);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("running " + command.get(0) + " failed: " + ex, ex);
        }
    }

    private static byte[] readAll(final InputStream in)
    {
        try (in; ByteArrayOutputStream bytes = new ByteArrayOutputStream())
        {
            in.transferTo(bytes);
            return bytes.toByteArray();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
